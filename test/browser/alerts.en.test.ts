// Azure Monitor alerts in the Playground's channel, English.
import { alertCases } from './support/alert-cases.ts';

alertCases('en');
