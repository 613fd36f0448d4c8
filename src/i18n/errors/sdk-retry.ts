// What the Azure IoT SDKs do by default with each transient HTTP class, and whether the SDK version a paste
// shows retries the error found. Facts read in the SDKs' sources at release tags (src/diagnosis/sdk-retry-facts.ts
// holds the per-version table, its sources and the date it was checked). Corrected against that research
// (2026-12-07): Node retries InternalServerError since azure-iot-device 1.2.0 (it did not skip it); Java retries an
// HTTP 500 only since iot-device-client 2.1.5; the service SDKs of .NET and Java never retry; msrest (the Python
// service SDK) retries 408 and 5xx but not 429; only Node keeps a longer 10 to 60 s delay for throttling.

import type { Locale } from '../../core/locale.ts';
import { SDK_RETRY_FACTS_CHECKED, type RetryAnswer, type RetryErrorClass } from '../../diagnosis/sdk-retry-facts.ts';
import type { SdkSeen } from '../../diagnosis/types.ts';
import { frenchTypography } from './typography.ts';

const en: Readonly<Record<number, string>> = {
  408: "A 408 is not retried by default in Node (DeviceTimeoutError, while its own TimeoutError for an unacknowledged MQTT message is), Java's DEVICE_OPERATION_TIMED_OUT only marks the failure as retryable for your code (2.0.2 and later), the Python service SDK tries 3 times and the .NET v2 service SDK treats 408000 as transient.",
  429: 'The .NET device SDK (IotHubThrottledException, with a fixed 10 to 60 s policy before 1.19.0), Node (ThrottlingError, with a longer 10 to 60 s backoff) and Java (ThrottledException) retry throttling by default, the Python service SDK does not, and over MQTT the hub may close the connection instead, which the SDK reconnects.',
  500: 'The .NET device SDK (ServerErrorException) and Node (InternalServerError, since 1.2.0) retry it by default, Java only since iot-device-client 2.1.5 (earlier versions give up on an HTTP 500), the .NET and Java service SDKs never retry, and the Python device SDK only retries dropped connections, every 10 s by default.',
  502: 'The Node service SDK reports a 502 from a direct method as BadDeviceResponseError and does not retry it by default, so any retry is up to your code.',
  503: 'The .NET device SDK (ServerBusyException), Node (ServiceUnavailableError) and Java (ServerBusyException) retry it by default, the Python service SDK tries 3 times, and the .NET v2 service SDK treats 503001 as transient.',
  504: "Node (its DefaultErrorFilter skips GatewayTimeoutError) and the .NET and Java service SDKs do not retry a direct method gateway timeout by default while the Python service SDK tries 3 times, so retry in your code only if the method is safe to run twice.",
};

const fr: Readonly<Record<number, string>> = {
  408: "Un 408 n'est pas réessayé par défaut en Node (DeviceTimeoutError, alors que son propre TimeoutError pour un message MQTT non acquitté l'est), le DEVICE_OPERATION_TIMED_OUT de Java indique seulement à votre code que l'échec peut être réessayé (2.0.2 et suivantes), le SDK service Python fait 3 tentatives et le SDK service .NET v2 considère 408000 comme transitoire.",
  429: "Le SDK appareil .NET (IotHubThrottledException, avec une stratégie fixe de 10 à 60 s avant 1.19.0), Node (ThrottlingError, avec un backoff plus long de 10 à 60 s) et Java (ThrottledException) réessaient par défaut en cas de limitation, le SDK service Python non, et en MQTT le hub peut plutôt fermer la connexion, que le SDK rétablit.",
  500: "Le SDK appareil .NET (ServerErrorException) et Node (InternalServerError, depuis 1.2.0) réessaient par défaut, Java seulement depuis iot-device-client 2.1.5 (les versions antérieures abandonnent sur un HTTP 500), les SDK service .NET et Java ne réessaient jamais, et le SDK appareil Python ne réessaie que les connexions perdues, toutes les 10 s par défaut.",
  502: "Le SDK service Node signale un 502 sur une méthode directe comme BadDeviceResponseError et ne le réessaie pas par défaut : toute nouvelle tentative relève de votre code.",
  503: "Le SDK appareil .NET (ServerBusyException), Node (ServiceUnavailableError) et Java (ServerBusyException) réessaient par défaut, le SDK service Python fait 3 tentatives, et le SDK service .NET v2 considère 503001 comme transitoire.",
  504: "Node (son DefaultErrorFilter ignore GatewayTimeoutError) et les SDK service .NET et Java ne réessaient pas par défaut l'expiration d'une méthode directe alors que le SDK service Python fait 3 tentatives : réessayez dans votre code seulement si la méthode peut être exécutée deux fois sans risque.",
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

// ---- The SDK version a paste shows, and whether that version retries the error found ----

const CLASS_NAMES: Readonly<Record<Locale, Readonly<Record<RetryErrorClass, string>>>> = {
  en: {
    throttling: 'throttling (429)',
    'server-error': 'an HTTP 500',
    'server-busy': 'an HTTP 503',
    'bad-gateway': 'an HTTP 502',
    'gateway-timeout': 'an HTTP 504',
    'request-timeout': 'an HTTP 408',
    connection: 'a dropped or failed connection',
    unauthorized: 'refused credentials (401)',
    quota: 'a quota error (403)',
    'caller-error': 'a caller-side error (400, 404, 409, 412, 413)',
  },
  fr: {
    throttling: 'une limitation (429)',
    'server-error': 'un HTTP 500',
    'server-busy': 'un HTTP 503',
    'bad-gateway': 'un HTTP 502',
    'gateway-timeout': 'un HTTP 504',
    'request-timeout': 'un HTTP 408',
    connection: 'une connexion perdue ou refusée',
    unauthorized: 'des identifiants refusés (401)',
    quota: 'une erreur de quota (403)',
    'caller-error': 'une erreur côté appelant (400, 404, 409, 412, 413)',
  },
};

/**
 * One or two sentences naming the SDK and version seen, and whether that version retries the class of the
 * error found: yes or no from the table of checked facts, otherwise "unknown". Values are the caller's to clean.
 */
export function sdkVersionNote(locale: Locale, sdk: Pick<SdkSeen, 'name' | 'version'>, errorClass: RetryErrorClass | null, answer: RetryAnswer): string {
  const which = `${sdk.name} ${sdk.version}`;
  const date = SDK_RETRY_FACTS_CHECKED;
  if (locale === 'fr') {
    const seen = `SDK dans le collage : ${which}.`;
    if (errorClass === null) return frenchTypography(seen);
    const what = CLASS_NAMES.fr[errorClass];
    const verdict =
      answer.kind === 'yes'
        ? `Cette version réessaie par défaut ${what} (faits vérifiés le ${date}).`
        : answer.kind === 'no'
          ? `Cette version ne réessaie pas par défaut ${what} (faits vérifiés le ${date}) : réessayez dans votre code seulement si l'opération peut être répétée sans risque.`
          : `Inconnu : la table des faits vérifiés ne dit pas si cette version réessaie ${what}.`;
    return frenchTypography(`${seen} ${verdict}`);
  }
  const seen = `SDK in the paste: ${which}.`;
  if (errorClass === null) return seen;
  const what = CLASS_NAMES.en[errorClass];
  const verdict =
    answer.kind === 'yes'
      ? `This version retries ${what} by default (facts checked ${date}).`
      : answer.kind === 'no'
        ? `This version does not retry ${what} by default (facts checked ${date}): retry in your code only if the operation is safe to repeat.`
        : `Unknown: the table of checked facts does not say whether this version retries ${what}.`;
  return `${seen} ${verdict}`;
}
