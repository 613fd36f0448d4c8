export {
  diagnosisCard,
  healthCard,
  renderHostCard,
  renderDiagnosisCard,
  renderHealthCard,
  renderHelpCard,
  renderNothingRecognisedCard,
  renderHubChoiceCard,
  renderErrorCard,
  renderDialogNoticeCard,
  renderPasteTooLongCard,
} from './render.ts';
export type { DiagnosisCardInput, HealthCardInput, HostCardModel, RenderedHostCard } from './render.ts';
export type { AdaptiveCard, CardAction, HubCardPart } from './types.ts';
export type { FailoverAdvice } from '../../diagnosis/advice.ts';
export { escapeMarkdown, echo, plainEcho, cleanText } from './escape.ts';
export { CARD_BYTE_LIMIT, byteSize } from './budget.ts';
export { MAX_HUB_CHOICES } from './health-view.ts';
