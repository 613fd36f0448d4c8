// Chaînes françaises des cartes. Mêmes clés que en.ts (le type l'impose, un test le vérifie aussi).

import type { UiStrings } from './en.ts';
import type { PluralForms } from './format.ts';
import { failoverFr } from './failover-fr.ts';
import { alertsFr } from './alerts-fr.ts';

const count = (one: string, other: string): PluralForms => ({ one, other });

export const fr: UiStrings = {
  common: {
    demoBanner: 'Démo · Azure simulé, pas un vrai abonnement.',
    more: count('+{n} autre', '+{n} autres'),
    listSeparator: ', ',
    utc: '{time} UTC',
    timeRange: 'du {from} au {to}',
  },

  transient: {
    yes: 'Transitoire',
    no: 'Non transitoire',
    unknown: 'Transitoire : inconnu',
  },

  verdict: {
    'transient-service': 'Côté service et transitoire : réessayez avec un délai croissant.',
    'client-config': "Côté appelant : la correction se trouve dans la requête, les identifiants, l'appareil ou sa configuration.",
    'device-offline': "L'appareil n'est pas connecté au hub en ce moment.",
    'not-iothub': "Pas une panne d'IoT Hub : réseau, DNS, service d'identité local ou contrôle côté client.",
    unknown: "Pas reconnu comme une erreur IoT Hub.",
  },

  diagnosis: {
    fallbackText: "Diagnostic d'une erreur IoT Hub",
    cardTitle: "Diagnostic d'une erreur IoT Hub",
    unnamedError: 'Erreur non reconnue',
    httpClass: 'HTTP {status}',
    occurrences: count('Vue une fois dans le message', 'Vue {n} fois dans le message'),
    seenBetween: 'entre {from} et {to}',
    evidence: 'Reconnue grâce à : {items}',
    genericTitle: 'Une erreur que le bot ne sait pas nommer précisément',
    genericCause: "Le message montre une erreur, mais pas assez pour dire de quelle erreur IoT Hub il s'agit.",
    genericActions: [
      "Collez l'erreur complète : le type d'exception, le message, et le corps de la réponse ou le code d'erreur.",
      "Vérifiez le nom du hub, l'identifiant de l'appareil et les identifiants utilisés par l'appelant.",
    ],
    noFindingsTitle: 'Aucune erreur IoT Hub reconnue',
    stepsLabel: 'Étapes à suivre',
    supportLabel: 'Détails pour un ticket de support',
    next: '**Ensuite :** {step}',
    sdkRetryHeading: 'Les SDK réessaient-ils ?',
    truncated: "Le message dépassait la limite d'analyse : seul son début a été lu.",
    contextHeading: 'Ce que dit le message',
    facts: {
      hub: 'Hub',
      devices: 'Appareils',
      modules: 'Modules',
      protocols: 'Protocoles',
      trackingIds: 'Identifiants de suivi',
      correlationIds: 'Identifiants de corrélation',
      timeSpan: 'Période',
      counts: 'Erreurs',
    },
    countsValue: '{errors}, {occurrences}',
    distinctErrors: count('{n} erreur distincte', '{n} erreurs distinctes'),
    occurrenceCount: count('{n} occurrence', '{n} occurrences'),
    otherFindingsHeading: 'Autres erreurs du message',
    findingCount: '×{n}',
    supportHeading: 'Pour un ticket de support (à copier tel quel)',
    supportHint: "Le support Azure demande d'abord l'identifiant de suivi et l'heure UTC de l'erreur.",
    docsLearn: "L'erreur {code} sur Microsoft Learn",
    docsAkaMs: 'aka.ms/iothub{code}',
    docsTroubleshoot: "Codes d'erreur IoT Hub",
    secretsHeading: 'Une clé a été collée : changez-la',
    secretsBody: count(
      "Le message contenait un secret ({kinds}). Il a été retiré avant toute lecture du message et n'est pas affiché ici, mais il a été publié dans cette conversation : changez-le maintenant et supprimez le message.",
      "Le message contenait {n} secrets ({kinds}). Ils ont été retirés avant toute lecture du message et ne sont pas affichés ici, mais ils ont été publiés dans cette conversation : changez-les maintenant et supprimez le message.",
    ),
    secretKinds: {
      'shared-access-key': "clé d'accès partagé",
      'sas-signature': 'signature de jeton SAS',
      'primary-key': 'clé primaire',
      'secondary-key': 'clé secondaire',
      'storage-account-key': 'clé de compte de stockage',
      'bearer-token': 'jeton du porteur (bearer)',
      'connection-string-password': 'mot de passe de chaîne de connexion',
      'client-secret': 'secret client Microsoft Entra',
      'private-key': 'clé privée',
    },
  },

  health: {
    fallbackText: 'État de santé du hub IoT',
    cardTitle: 'État de santé du hub',
    detailsLabel: "Détails de l'état du hub",
    statusHeadline: '{hub} : {state}',
    statusLine: 'Hub {hub} : {state}',
    incident: count('Incident Azure dans la région {region} : {title} ({id})', '{n} incidents Azure dans la région {region}, dont {title} ({id})'),
    /** Shown while the hub lookup and Resource Health have not answered; the same card is then updated in place. */
    checking: "Vérification de l'état de santé du hub dans Azure… cette carte se met à jour d'elle-même dans quelques secondes.",
    resourceHealth: 'Resource Health : {state}',
    states: {
      Available: 'Disponible',
      Degraded: 'Dégradé',
      Unavailable: 'Indisponible',
      Unknown: 'Inconnu',
    },
    facts: {
      summary: 'Résumé',
      since: 'Depuis',
      reason: 'Raison',
      recentlyResolved: 'Résolu récemment',
      primary: 'Région principale',
      secondary: 'Région secondaire',
      provisioning: "État d'approvisionnement",
      hubState: 'État du hub',
      checkedAt: 'Vérifié à',
    },
    noSecondary: 'aucune',
    recentlyResolvedValue: 'indisponible du {from} au {to} : {summary}',
    drDisabled: "La reprise d'activité est désactivée sur ce hub (résidence des données) : il ne peut pas basculer, ni manuellement ni par Microsoft.",
    eventsHeading: 'Événements Azure actifs pour IoT Hub dans la région {region}',
    noEvents: 'Aucun événement Azure actif pour IoT Hub dans la région {region}.',
    eventDetail: '{status} · {type} · identifiant de suivi {trackingId} · mis à jour {updated}',
    unavailable: 'État de santé indisponible : {reason}',
    unavailableReasons: {
      throttled: 'Azure a limité le débit de la requête.',
      'server-error': 'Azure Resource Manager a renvoyé une erreur serveur.',
      timeout: "Azure n'a pas répondu à temps.",
      network: "Azure n'a pas pu être joint (erreur réseau).",
      forbidden: "le bot n'a pas le droit de le lire.",
      'not-found': "le hub ou son état de santé est introuvable.",
      unknown: "une erreur inattendue s'est produite.",
    },
    retryAfter: count('Réessayez dans {n} seconde.', 'Réessayez dans {n} secondes.'),
    retryLater: 'Réessayez dans une minute.',
    forbiddenHelp: "Donnez à l'identité du bot le rôle Lecteur (Reader) sur le hub (ou son groupe de ressources), qui inclut Microsoft.Devices/IotHubs/read et Microsoft.ResourceHealth/availabilityStatuses/read.",
    unavailableKeepsDiagnosis: "Le diagnostic n'en dépend pas.",
    unavailableDetail: 'Détail : {detail}',
    unknownHub: "Aucun hub correspondant à {query} dans les abonnements consultés : {subscriptions}.",
    unknownHubNoSubscriptions: "Aucun hub correspondant à {query} : aucun abonnement n'est configuré (AZURE_SUBSCRIPTION_IDS).",
    noHub: "Le message ne nomme aucun hub, son état de santé n'a donc pas été vérifié. Envoyez « health NOMDUHUB » pour vérifier un hub.",
    ambiguous: "Plusieurs hubs sont possibles et le message n'en nomme aucun. Choisissez-en un pour vérifier son état :",
    moreHubs: count('+{n} autre hub : envoyez « health NOMDUHUB » pour le vérifier.', '+{n} autres hubs : envoyez « health NOMDUHUB » pour en vérifier un.'),
  },

  advice: {
    label: 'Un basculement aiderait-il ?',
    'not-applicable': "Un basculement n'aiderait pas : cette erreur vient de l'appelant (requête, identifiants, appareil ou configuration). Un basculement déplace le hub dans une autre région ; il ne change pas ce que l'appelant envoie.",
    notApplicableByVerdict: {
      'device-offline': "Un basculement n'aiderait pas : l'appareil n'est pas connecté. Un basculement déplace le hub dans une autre région ; il ne reconnecte pas un appareil.",
      'not-iothub': "Un basculement n'aiderait pas : la panne est côté réseau ou client, pas dans le hub.",
      unknown: "Aucune erreur IoT Hub n'a été reconnue : pas de conseil de basculement.",
    },
    'retry-hub-healthy': "Resource Health indique que ce hub est disponible et aucun incident de service actif ne touche sa région : l'erreur est très probablement un incident bref et local. Réessayez avec un délai croissant. Un basculement n'aiderait pas : il rend le hub indisponible plusieurs minutes, déconnecte tous les appareils et perd les messages non lus.",
    whyState: "Resource Health donne l'état « {state} » pour ce hub.",
    whyIncidents: count('Un incident de service Azure actif touche sa région ({ids}).', '{n} incidents de service Azure actifs touchent sa région ({ids}).'),
    'worth-considering': "Le hub peut basculer vers {secondary}. Si les erreurs persistent, un basculement manuel mérite d'être envisagé. Il dure d'environ 10 minutes à quelques heures, déconnecte tous les appareils et perd les messages non lus.",
    'worth-considering-but-impossible': "Un basculement mériterait d'être envisagé, mais ce hub ne peut pas basculer maintenant :",
    'health-unknown': "Resource Health n'a plus d'information sur ce hub depuis un moment (Inconnu) : impossible de dire si Azure est en cause. Réessayez avec un délai croissant et consultez la page d'état d'Azure ; n'envisagez un basculement que si les erreurs persistent et qu'un incident est confirmé.",
    'health-unavailable': "L'état de santé n'a pas pu être vérifié : pas de conseil de basculement. Réessayez avec un délai croissant, consultez la page d'état d'Azure et vérifiez l'état de santé plus tard.",
    'no-hub': "Aucun hub identifié : pas de conseil de basculement. Envoyez « health NOMDUHUB » pour vérifier un hub.",
    next: {
      request: "Demandez un basculement vers {secondary} si les erreurs persistent : un autre ingénieur d'astreinte l'approuve avant qu'il ne s'exécute.",
      consider: "Un basculement vers {secondary} mérite d'être envisagé si les erreurs persistent. Un bouton pour le demander apparaîtra ici quand les demandes de basculement seront activées sur ce bot.",
      impossible: "Réessayez avec un délai croissant et suivez l'incident : ce hub ne peut pas basculer maintenant.",
      'retry-hub-healthy': "Réessayez avec un délai croissant : le hub est disponible, c'est très probablement un incident bref.",
      'health-unknown': "Réessayez avec un délai croissant et consultez la page d'état d'Azure : Resource Health ne peut pas trancher.",
      'health-unavailable': "Réessayez avec un délai croissant, et vérifiez à nouveau l'état du hub dans une minute.",
      'no-hub': 'Réessayez avec un délai croissant. Envoyez « health NOMDUHUB » pour vérifier le hub.',
    },
    impossibleReasons: {
      'no-secondary': "le hub n'a pas de région secondaire",
      'dr-disabled': "la reprise d'activité est désactivée sur ce hub (résidence des données)",
      'failover-running': 'un basculement de ce hub est déjà en cours',
      'daily-limit': 'la limite quotidienne de basculements du hub est atteinte',
      cooldown: "le dernier basculement ou retour date de moins d'une heure",
      'hub-not-active': "le hub n'est pas à l'état Active",
      'no-approvers': "aucun approbateur n'est configuré sur ce bot (FAILOVER_APPROVERS est vide) : personne ne pourrait approuver une demande ; adressez-vous à son administrateur, ou basculez depuis le portail Azure",
    },
    impossibleUnchecked: "impossible de vérifier s'il peut basculer",
  },

  help: {
    fallbackText: 'IoT Hub On-Call : aide',
    title: 'IoT Hub On-Call',
    intro: "Collez une erreur Azure IoT Hub et je l'explique : ce que c'est, si elle est transitoire, que faire, et ce que Azure Resource Health dit du hub en ce moment.",
    pasteHeading: 'Quoi coller',
    pasteItems: [
      "un code ou un message d'erreur : 500001 ServerError, 404103 DeviceNotOnline, IH412001…",
      'une exception de SDK ou une pile d’appels (.NET, Java, Node, Python, C)',
      "une sortie de la CLI az, une réponse HTTP ou un corps d'erreur JSON",
      'un extrait de journal : plusieurs lignes conviennent, je compte chaque erreur distincte',
    ],
    commandsHeading: 'Commandes',
    commands: [
      { command: 'help', text: 'cette carte' },
      { command: 'health NOMDUHUB', text: "l'état Resource Health du hub, ses régions et les événements Azure actifs" },
      { command: 'status', text: "les demandes de basculement en attente d'approbation ou en cours" },
      { command: 'audit [NOMDUHUB]', text: "les dernières décisions de basculement, pour un hub ou pour tous" },
      { command: 'abonner [NOMDUHUB]', text: 'les alertes Azure Monitor d\'un hub (ou de tous) en cartes ici ; désabonner, abonnements' },
    ],
    looksForHeading: 'Ce que je cherche',
    looksFor: "Les codes et noms d'erreur IoT Hub, les noms d'exception des SDK, les refus MQTT et AMQP, les codes d'état HTTP, les noms d'hôte des hubs, les identifiants d'appareils et de modules, les identifiants de suivi et les horodatages.",
    channelNote: 'Dans un canal ou une conversation de groupe, mentionnez-moi (@) dans le même message que l’erreur.',
    privacyHeading: 'Clés et confidentialité',
    privacy: "Les clés, signatures SAS et jetons d'un message sont retirés avant toute autre lecture : ils ne sont jamais affichés, journalisés ni stockés. Le message lui-même reste dans la conversation : changez toute clé que vous avez collée.",
  },

  nothing: {
    fallbackText: 'Aucune erreur IoT Hub reconnue',
    title: 'Aucune erreur IoT Hub reconnue',
    read: count("J'ai lu {n} caractère sans y trouver d'erreur IoT Hub.", "J'ai lu {n} caractères sans y trouver d'erreur IoT Hub."),
    empty: 'Le message était vide.',
    looksForHeading: 'Je cherche',
    looksFor: [
      'les codes IoT Hub à 6 chiffres : 500001, 404103, 429001…',
      "les noms d'erreur : ServerError, DeviceNotFound, IotHubQuotaExceeded…",
      "les exceptions et piles d'appels des SDK : IotHubCommunicationException…",
      "les identifiants de suivi, les noms d'hôte des hubs (contoso.azure-devices.net) et les horodatages",
      "les refus MQTT (CONNACK) et les conditions d'erreur AMQP",
    ],
    howHeading: 'Pour obtenir un diagnostic',
    how: "Collez l'erreur complète : le type d'exception, le message et le code d'erreur ou le corps de la réponse. Pour un journal, incluez les lignes autour de l'erreur. Envoyez « help » pour en savoir plus.",
  },

  choice: {
    fallbackText: 'Quel hub ?',
    title: 'Quel hub ?',
    text: "Plusieurs hubs sont configurés et aucun n'a été nommé. Choisissez-en un pour vérifier son état :",
    none: "Aucun hub n'est configuré dans les abonnements que le bot peut consulter.",
  },

  cardAction: {
    notAvailable: "Cette action n'est pas disponible sur ce bot.",
    failed: "Un problème s'est produit : l'action n'a pas abouti. Réessayez dans un instant.",
  },

  error: {
    fallbackText: "Un problème s'est produit",
    title: "Un problème s'est produit",
    text: "Rien n'est perdu : votre message a bien été reçu, mais je n'ai pas pu terminer la réponse. Réessayez dans un instant.",
  },

  tooLong: {
    fallbackText: 'Ce message était trop long à lire',
    title: 'Ce message était trop long à lire',
    overBudget: count(
      "J'arrête de lire un message au bout de {n} seconde, pour continuer à répondre à tout le monde, et celui-ci demandait plus de temps. Rien n'est perdu : votre message a bien été reçu.",
      "J'arrête de lire un message au bout de {n} secondes, pour continuer à répondre à tout le monde, et celui-ci demandait plus de temps. Rien n'est perdu : votre message a bien été reçu.",
    ),
    busy: "J'étais occupé à lire d'autres messages et je n'ai pas pu commencer le vôtre à temps. Rien n'est perdu : votre message a bien été reçu.",
    howHeading: 'Que faire',
    how: [
      "Collez seulement les premières lignes de l'erreur : le type d'exception, son message et le code d'erreur.",
      "Pour un long journal, collez un extrait plus court : les lignes autour de la première erreur.",
    ],
    busyHow: 'Ou renvoyez le même message dans un instant.',
  },

  rateLimit: {
    notice: count(
      "Vous envoyez des messages plus vite que je ne peux utilement y répondre : je n'ai pas traité les derniers. Attendez {n} seconde, puis renvoyez l'erreur.",
      "Vous envoyez des messages plus vite que je ne peux utilement y répondre : je n'ai pas traité les derniers. Attendez {n} secondes, puis renvoyez l'erreur.",
    ),
    dialog: count(
      "Vous demandez des diagnostics plus vite que je ne peux utilement y répondre : je n'ai pas traité celui-ci. Attendez {n} seconde, puis réessayez.",
      "Vous demandez des diagnostics plus vite que je ne peux utilement y répondre : je n'ai pas traité celui-ci. Attendez {n} secondes, puis réessayez.",
    ),
  },

  messageAction: {
    dialogTitle: 'Diagnostiquer avec IoT Hub On-Call',
    preview: {
      fallbackText: 'Aperçu du diagnostic',
      heading: 'Trouvé dans ce message',
      moreFindings: count('+{n} autre erreur dans le message', '+{n} autres erreurs dans le message'),
      hub: "Hub : {hub}. Son état de santé actuel est vérifié au moment de publier le diagnostic.",
      nothingTitle: 'Aucune erreur IoT Hub reconnue dans ce message',
      nothingHint: "Il n'y a rien à diagnostiquer ici. Je cherche les codes et noms d'erreur IoT Hub, les exceptions des SDK, les refus MQTT et AMQP et les codes d'état HTTP.",
      secretsHeading: 'Ce message contient une clé : renouvelez-la',
      secretsBody: count(
        "Il contient un secret ({kinds}). Le bot ne l'affiche ni ne le publie jamais, mais tous les membres de cette conversation peuvent lire le message : renouvelez-le et supprimez le message.",
        "Il contient {n} secrets ({kinds}). Le bot ne les affiche ni ne les publie jamais, mais tous les membres de cette conversation peuvent lire le message : renouvelez-les et supprimez le message.",
      ),
      whereChannel: "Publier ajoute le diagnostic complet, avec l'état de santé actuel du hub, en réponse dans ce fil : tous les membres du canal le voient.",
      whereChat: "Publier ajoute le diagnostic complet, avec l'état de santé actuel du hub, à cette conversation : tous ses membres le voient.",
      postButton: 'Publier le diagnostic',
    },
    addBot: {
      fallbackText: 'Ajouter IoT Hub On-Call à cette conversation',
      title: "IoT Hub On-Call n'est pas encore dans cette conversation",
      whyTeam: "Pour publier le diagnostic dans ce canal, sous forme de carte visible de tous et que le bot pourra mettre à jour, il faut d'abord ajouter IoT Hub On-Call à l'équipe.",
      whyChat: "Pour publier le diagnostic dans cette conversation, sous forme de carte visible de tous et que le bot pourra mettre à jour, il faut d'abord ajouter IoT Hub On-Call à la conversation.",
      howHeading: "Comment l'ajouter",
      stepsTeam: [
        "Sélectionnez **Ajouter à cette équipe** ci-dessous (il faut avoir le droit d'ajouter des applications à l'équipe).",
        'Ou, dans Teams, ouvrez **Applications**, cherchez **IoT Hub On-Call**, choisissez **Ajouter à une équipe** et sélectionnez cette équipe.',
      ],
      stepsChat: [
        'Sélectionnez **Ajouter à cette conversation** ci-dessous.',
        'Ou, dans Teams, ouvrez **Applications**, cherchez **IoT Hub On-Call**, choisissez **Ajouter à une conversation** et sélectionnez cette conversation.',
      ],
      then: "Une fois le bot ajouté, relancez **Diagnostiquer avec IoT Hub On-Call** sur le message. Vous pouvez aussi coller l'erreur dans votre propre conversation avec le bot.",
      buttonTeam: 'Ajouter à cette équipe',
      buttonChat: 'Ajouter à cette conversation',
    },
    installed: 'IoT Hub On-Call a été ajouté ici. Relancez **Diagnostiquer avec IoT Hub On-Call** sur le message pour publier son diagnostic.',
  },

  tenantRefused: "IoT Hub On-Call n'est pas disponible pour votre organisation. Rien n'a été fait.",

  failover: failoverFr,
  alerts: alertsFr,
};
