// The explanation of an error from another Azure service that looks like IoT Hub's (the diagnosis names it:
// Diagnosis.service): which service it is, and where to look instead. Never a hub failover.

import type { Locale } from '../../core/locale.ts';
import type { LookalikeService } from '../../diagnosis/types.ts';
import { freezeTexts } from './freeze.ts';
import type { ErrorText } from './types.ts';
import { frenchTexts, frenchTypography } from './typography.ts';

/** The service's own troubleshooting page on Microsoft Learn (the reader's language is picked by the site). */
export const SERVICE_DOC_URLS: Readonly<Record<LookalikeService, string>> = Object.freeze({
  'event-hubs': 'https://learn.microsoft.com/azure/event-hubs/event-hubs-messaging-exceptions',
  'service-bus': 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-messaging-exceptions',
  storage: 'https://learn.microsoft.com/rest/api/storageservices/blob-service-error-codes',
  dps: 'https://learn.microsoft.com/azure/iot-dps/how-to-troubleshoot-dps',
});

const NOT_THE_HUB_EN = 'IoT Hub itself is not failing, and a hub failover would not help.';
const NOT_THE_HUB_FR = "IoT Hub lui-même n'est pas en panne, et un basculement du hub n'aiderait pas.";

const en: Readonly<Record<LookalikeService, ErrorText>> = freezeTexts({
  'event-hubs': {
    title: 'An Azure Event Hubs error, not an IoT Hub one',
    cause: `The error comes from an Event Hubs client or namespace, for example an app reading the hub's built-in Event Hub-compatible endpoint through a consumer group. ${NOT_THE_HUB_EN}`,
    actions: [
      'Look at the Event Hubs namespace and the event hub named in the error, and at the connection string the client uses.',
      "For an authorization error, check the policy's Listen or Send claim: the hub's built-in endpoint can only be read.",
      'For an epoch or ownership error, let one reader use each partition of a consumer group, or give each app its own consumer group.',
    ],
  },
  'service-bus': {
    title: 'An Azure Service Bus error, not an IoT Hub one',
    cause: `The error comes from a Service Bus client or namespace: a queue, a topic or a subscription, possibly one the hub routes messages to. ${NOT_THE_HUB_EN}`,
    actions: [
      'Look at the Service Bus namespace and the queue, topic or subscription named in the error.',
      'Check the access policy or role the client uses, and its connection string.',
      'If the hub routes messages to this entity, fix the endpoint: the hub is not the one failing.',
    ],
  },
  storage: {
    title: 'An Azure Storage error, not an IoT Hub one',
    cause: `The error comes from Azure Storage (a blob, queue or table request), for example a file upload or the container of an import or export job. ${NOT_THE_HUB_EN}`,
    actions: [
      'Look at the storage account and the container named in the error.',
      "For a 403, check the role assignment, the SAS token's permissions and expiry or the account key, and the account's firewall.",
      'For a file upload, check the storage account linked to the hub, and that the upload uses its SAS URI before it expires.',
    ],
  },
  dps: {
    title: 'A Device Provisioning Service error, not an IoT Hub one',
    cause: `The error comes from the Device Provisioning Service, where a device registers before it is assigned to a hub. ${NOT_THE_HUB_EN}`,
    actions: [
      'Look at the enrollment (individual or group) for this registration ID, and check that it is enabled.',
      'Check the attestation the device presents: its symmetric key, its X.509 certificate chain or its TPM endorsement key.',
      'Check the ID scope, the allocation policy and the hubs linked to the provisioning service.',
    ],
  },
});

const fr: Readonly<Record<LookalikeService, ErrorText>> = frenchTexts({
  'event-hubs': {
    title: "Une erreur d'Azure Event Hubs, pas d'IoT Hub",
    cause: `L'erreur vient d'un client ou d'un espace de noms Event Hubs, par exemple une application qui lit le point de terminaison intégré compatible Event Hub du hub avec un groupe de consommateurs. ${NOT_THE_HUB_FR}`,
    actions: [
      "Regardez l'espace de noms Event Hubs et l'event hub nommés dans l'erreur, et la chaîne de connexion du client.",
      "Pour une erreur d'autorisation, vérifiez la revendication Listen ou Send de la stratégie : le point de terminaison intégré du hub est en lecture seule.",
      "Pour une erreur d'époque ou de propriété, un seul lecteur par partition d'un groupe de consommateurs, ou un groupe de consommateurs par application.",
    ],
  },
  'service-bus': {
    title: "Une erreur d'Azure Service Bus, pas d'IoT Hub",
    cause: `L'erreur vient d'un client ou d'un espace de noms Service Bus : une file, une rubrique ou un abonnement, peut-être celui vers lequel le hub route des messages. ${NOT_THE_HUB_FR}`,
    actions: [
      "Regardez l'espace de noms Service Bus et la file, la rubrique ou l'abonnement nommés dans l'erreur.",
      'Vérifiez la stratégie d\'accès ou le rôle du client, et sa chaîne de connexion.',
      "Si le hub route des messages vers cette entité, corrigez le point de terminaison : ce n'est pas le hub qui échoue.",
    ],
  },
  storage: {
    title: "Une erreur d'Azure Storage, pas d'IoT Hub",
    cause: `L'erreur vient d'Azure Storage (une requête blob, file ou table), par exemple un chargement de fichier ou le conteneur d'un travail d'import ou d'export. ${NOT_THE_HUB_FR}`,
    actions: [
      "Regardez le compte de stockage et le conteneur nommés dans l'erreur.",
      "Pour un 403, vérifiez l'attribution de rôle, les autorisations et l'expiration du jeton SAS ou la clé du compte, et le pare-feu du compte.",
      "Pour un chargement de fichier, vérifiez le compte de stockage associé au hub, et que le chargement utilise son URI SAS avant son expiration.",
    ],
  },
  dps: {
    title: "Une erreur du service de provisionnement, pas d'IoT Hub",
    cause: `L'erreur vient du service Device Provisioning, où un appareil s'inscrit avant d'être affecté à un hub. ${NOT_THE_HUB_FR}`,
    actions: [
      "Regardez l'inscription (individuelle ou de groupe) de cet ID d'enregistrement, et vérifiez qu'elle est activée.",
      "Vérifiez l'attestation que présente l'appareil : sa clé symétrique, sa chaîne de certificats X.509 ou sa clé d'approbation TPM.",
      "Vérifiez l'étendue d'ID, la stratégie d'allocation et les hubs liés au service de provisionnement.",
    ],
  },
});

const byLocale: Readonly<Record<Locale, Readonly<Record<LookalikeService, ErrorText>>>> = { en, fr };

interface ServiceLabels {
  /** The card's verdict line. */
  verdict: string;
  /** The title of the link to the service's troubleshooting page. */
  docTitle: string;
}

const labels: Readonly<Record<Locale, Readonly<Record<LookalikeService, ServiceLabels>>>> = {
  en: {
    'event-hubs': { verdict: 'Not IoT Hub: Azure Event Hubs. Look there, not at the hub.', docTitle: 'Event Hubs: messaging exceptions' },
    'service-bus': { verdict: 'Not IoT Hub: Azure Service Bus. Look there, not at the hub.', docTitle: 'Service Bus: messaging exceptions' },
    storage: { verdict: 'Not IoT Hub: Azure Storage. Look there, not at the hub.', docTitle: 'Azure Storage: error codes' },
    dps: { verdict: 'Not IoT Hub: the Device Provisioning Service. Look there, not at the hub.', docTitle: 'Device Provisioning Service: troubleshooting' },
  },
  fr: {
    'event-hubs': { verdict: 'Pas IoT Hub : Azure Event Hubs. Cherchez là, pas du côté du hub.', docTitle: 'Event Hubs : exceptions de messagerie' },
    'service-bus': { verdict: 'Pas IoT Hub : Azure Service Bus. Cherchez là, pas du côté du hub.', docTitle: 'Service Bus : exceptions de messagerie' },
    storage: { verdict: 'Pas IoT Hub : Azure Storage. Cherchez là, pas du côté du hub.', docTitle: "Azure Storage : codes d'erreur" },
    dps: { verdict: 'Pas IoT Hub : le service Device Provisioning. Cherchez là, pas du côté du hub.', docTitle: 'Service Device Provisioning : dépannage' },
  },
};

/** The card's verdict line for another service's error. */
export function serviceVerdict(locale: Locale, service: LookalikeService): string {
  const text = labels[locale][service].verdict;
  return locale === 'fr' ? frenchTypography(text) : text;
}

/** The service's troubleshooting page, with its localised title. */
export function serviceDocLink(locale: Locale, service: LookalikeService): { title: string; url: string } {
  const title = labels[locale][service].docTitle;
  return { title: locale === 'fr' ? frenchTypography(title) : title, url: SERVICE_DOC_URLS[service] };
}

/** The explanation of another service's error: which service, and where to look instead. */
export function serviceText(locale: Locale, service: LookalikeService): ErrorText {
  return byLocale[locale][service];
}
