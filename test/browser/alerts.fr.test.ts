// Azure Monitor alerts in the Playground's channel, French.
import { alertCases } from './support/alert-cases.ts';

alertCases('fr');
