// Personal chat in the Agents Playground, French (activity.locale fr-FR): paste → diagnosis, help, health.
import { personalChatCases } from './support/personal-chat-cases.ts';

personalChatCases('fr');
