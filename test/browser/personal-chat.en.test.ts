// Personal chat in the Agents Playground, English: paste → diagnosis, help, health.
import { personalChatCases } from './support/personal-chat-cases.ts';

personalChatCases('en');
