// What the Azure IoT SDKs do by default with each transient HTTP class. Facts from the SDK sources
// (retry filters, IsTransient/isRetryable) summarised in shared/reference §3.2.

import type { Locale } from '../../core/locale.ts';
import { frenchTypography } from './typography.ts';

const en: Readonly<Record<number, string>> = {
  408: 'Client-side timeouts are retried by default in Node (TimeoutError) and Java (DEVICE_OPERATION_TIMED_OUT), and the .NET v2 service SDK treats 408000 as transient.',
  429: '.NET v1 (IotHubThrottledException), Node (ThrottlingError, with a longer 10 to 60 s backoff) and Java (THROTTLED) retry throttling by default; over MQTT the hub may close the connection instead, and the SDK reconnects.',
  500: '.NET v1 (ServerErrorException) and Java (INTERNAL_SERVER_ERROR) retry it by default, Node does not (its DefaultErrorFilter skips InternalServerError), Python only retries dropped connections, every 10 s by default, and the C SDK follows the policy set with IoTHubDeviceClient_SetRetryPolicy.',
  502: 'The Node service SDK reports a 502 from a direct method as BadDeviceResponseError and does not retry it by default, so any retry is up to your code.',
  503: '.NET v1 (ServerBusyException), Node (ServiceUnavailableError) and Java (SERVER_BUSY) retry it by default, and the .NET v2 service SDK treats 503001 as transient.',
  504: 'The SDKs do not retry a direct method gateway timeout by default (Node\'s DefaultErrorFilter skips GatewayTimeoutError), so retry in your code only if the method is safe to run twice.',
};

const fr: Readonly<Record<number, string>> = {
  408: "Les délais dépassés côté client sont réessayés par défaut en Node (TimeoutError) et en Java (DEVICE_OPERATION_TIMED_OUT), et le SDK service .NET v2 considère 408000 comme transitoire.",
  429: "Les SDK .NET v1 (IotHubThrottledException), Node (ThrottlingError, avec un backoff plus long de 10 à 60 s) et Java (THROTTLED) réessaient par défaut en cas de limitation ; en MQTT, le hub peut plutôt fermer la connexion, et le SDK se reconnecte.",
  500: "Les SDK .NET v1 (ServerErrorException) et Java (INTERNAL_SERVER_ERROR) réessaient par défaut, Node non (son DefaultErrorFilter ignore InternalServerError), Python ne réessaie que les connexions perdues, toutes les 10 s par défaut, et le SDK C applique la stratégie définie par IoTHubDeviceClient_SetRetryPolicy.",
  502: "Le SDK service Node signale un 502 sur une méthode directe comme BadDeviceResponseError et ne le réessaie pas par défaut : toute nouvelle tentative relève de votre code.",
  503: "Les SDK .NET v1 (ServerBusyException), Node (ServiceUnavailableError) et Java (SERVER_BUSY) réessaient par défaut, et le SDK service .NET v2 considère 503001 comme transitoire.",
  504: "Les SDK ne réessaient pas par défaut l'expiration d'une méthode directe (le DefaultErrorFilter de Node ignore GatewayTimeoutError) : réessayez dans votre code seulement si la méthode peut être exécutée deux fois sans risque.",
};

const byLocale: Readonly<Record<Locale, Readonly<Record<number, string>>>> = {
  en,
  fr: Object.fromEntries(Object.entries(fr).map(([status, note]) => [status, frenchTypography(note)])),
};

/** One sentence on what the SDKs do by default for a transient HTTP class; undefined for other classes. */
export function sdkRetryNote(locale: Locale, httpStatus: number): string | undefined {
  return byLocale[locale][httpStatus];
}

/** The HTTP classes that have an SDK retry note. */
export const SDK_RETRY_CLASSES: readonly number[] = Object.freeze(Object.keys(en).map(Number));
