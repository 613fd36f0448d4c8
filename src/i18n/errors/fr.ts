// Explications en français de chaque code d'erreur IoT Hub du catalogue, pour l'ingénieur d'astreinte.
// Rédigées à partir des faits du catalogue, avec nos propres mots. La typographie française
// (espaces insécables, apostrophe typographique) est appliquée par frenchTexts().

import type { ErrorText, ErrorTextCatalog } from './types.ts';
import { frenchTexts } from './typography.ts';
import { sdkRetryNote } from './sdk-retry.ts';

const OBSOLETE = 'Les SDK actuels marquent ce code comme obsolète : il provient très probablement d\'un ancien SDK, d\'un ancien outil ou d\'un ancien journal.';
const RARE = 'Ce code est rarement rencontré dans un usage courant d\'IoT Hub.';
const SUPPORT_IF_PERSISTS = 'Si le problème persiste, ouvrez une demande de support Azure avec l\'identifiant de suivi (tracking id) et l\'heure UTC de l\'erreur.';
const NO_BLIND_RETRY = 'Corrigez d\'abord l\'appelant : renvoyer la même requête échouera de la même façon.';
const ROUTING_LOGS = 'Surveillez les journaux de ressources du routage pour vérifier que la livraison reprend.';

function note(first: string, httpStatus?: number): string {
  const sdk = httpStatus === undefined ? undefined : sdkRetryNote('fr', httpStatus);
  return sdk === undefined ? first : `${first} ${sdk}`;
}

/** Conduite à tenir commune aux 500xxx, 503xxx et autres défaillances côté hub. */
function serviceFault(title: string, cause: string, httpStatus: number, first?: string): ErrorText {
  const actions = [
    first ?? 'Réessayez depuis l\'appareil avec un backoff exponentiel et de la gigue (jitter), et vérifiez que votre SDK réessaie cette erreur (voir la note).',
    'Si les erreurs durent plus de quelques minutes, consultez Azure Resource Health (Intégrité des ressources) pour ce hub et la page d\'état Azure pour IoT Hub dans sa région.',
    'N\'envisagez un basculement manuel que si Resource Health indique le hub Indisponible ou Dégradé : un basculement entraîne une interruption et une perte de données partielle.',
    'Si cela continue, ouvrez une demande de support Azure avec l\'identifiant de suivi (tracking id) et l\'horodatage UTC des erreurs.',
  ];
  return { title, cause, actions, transientNote: note('Transitoire, côté service : réessayer est la bonne première réaction.', httpStatus) };
}

function throttled(title: string, cause: string, actions: string[]): ErrorText {
  return {
    title,
    cause: `${cause} Rien n'est cassé : le hub se protège d'un trafic supérieur à ce que permettent son niveau tarifaire et ses unités.`,
    actions,
    transientNote: note('Transitoire : les requêtes aboutissent de nouveau dès que le débit baisse.', 429),
  };
}

const BACK_OFF = 'Ralentissez : laissez le SDK réessayer avec son délai de limitation plutôt que de réessayer en boucle serrée.';
const SCALE_UP = 'Si la charge est légitime, ajoutez des unités ou passez le hub à un niveau tarifaire supérieur.';

function pnpPayload(title: string, specific: string, check: string): ErrorText {
  return {
    title,
    cause: `${specific} La correction se fait côté appelant.`,
    actions: [check, 'Comparez avec le modèle DTDL annoncé par l\'appareil (son model id).', 'Corrigez le contenu et renvoyez-le.'],
  };
}

function pnpInternal(title: string, step: string): ErrorText {
  return {
    title,
    cause: `Le hub a rencontré une erreur interne en ${step} pour un appareil Plug and Play. Il peut s'agir d'une défaillance passagère du service ou de données de modèle ou de composant inhabituelles.`,
    actions: [
      'Réessayez plus tard avec un backoff.',
      'Vérifiez le model id et les noms de composants de l\'appareil par rapport à son modèle DTDL.',
      SUPPORT_IF_PERSISTS,
    ],
    transientNote: 'Caractère transitoire inconnu : une nouvelle tentative vaut la peine, des échecs répétés relèvent du support.',
  };
}

function identityInternal(title: string, cause: string, check: string): ErrorText {
  return {
    title,
    cause: `${cause} Le hub a besoin de son identité managée pour atteindre des points de terminaison comme Storage, Event Hubs ou Service Bus.`,
    actions: [
      check,
      'Vérifiez les attributions de rôle de cette identité sur la ressource cible.',
      'Réessayez ; si la configuration est correcte et que l\'erreur persiste, contactez le support Azure avec l\'identifiant de suivi.',
    ],
    transientNote: 'Parfois transitoire : réessayez une fois, puis vérifiez la configuration de l\'identité.',
  };
}

function rareLookup(title: string, cause: string): ErrorText {
  return {
    title,
    cause: `${cause} ${RARE}`,
    actions: ['Vérifiez le nom d\'hôte, la région et les identifiants utilisés par l\'appelant.', SUPPORT_IF_PERSISTS],
  };
}

const texts: Record<number, ErrorText> = {
  400000: {
    title: 'Requête incorrecte',
    cause: 'IoT Hub a rejeté la requête comme mal formée ou invalide, sans code plus précis. Le problème vient de ce que l\'appelant a envoyé, pas du service.',
    actions: [
      'Lisez le message joint à l\'erreur : il nomme généralement le champ fautif.',
      'Vérifiez le corps, les en-têtes et la version d\'API de la requête dans la référence REST d\'IoT Hub.',
      NO_BLIND_RETRY,
    ],
  },
  400001: {
    title: 'Version d\'API ou de protocole non prise en charge',
    cause: 'Le SDK ou le client demande une version d\'API que ce point de terminaison du hub n\'accepte pas, par exemple une version pas encore déployée dans la région du hub. Côté appelant.',
    actions: [
      'Vérifiez la version d\'API envoyée par le client (version du SDK ou paramètre api-version).',
      'Passez à une version du SDK qui utilise une API en disponibilité générale, ou fixez une version prise en charge.',
      'Si vous avez besoin d\'une API en préversion, utilisez un hub dans une région où elle est disponible.',
    ],
  },
  400002: {
    title: 'Nombre de résultats renvoyé par l\'appareil invalide',
    cause: `Le hub a jugé incorrect le nombre de résultats renvoyé par l'appareil. ${OBSOLETE}`,
    actions: [
      'Vérifiez que le code de l\'appareil renvoie le nombre de résultats attendu pour l\'opération.',
      'Mettez à jour les anciens SDK appareil et service.',
      SUPPORT_IF_PERSISTS,
    ],
  },
  400003: {
    title: 'Opération non valide pour ce hub ou cette identité',
    cause: 'Le hub a compris la requête mais l\'a refusée comme opération invalide, par exemple un message AMQP dont la propriété To ne contient pas l\'identifiant de l\'appareil. Côté appelant.',
    actions: [
      'Lisez le détail de l\'erreur : il indique ce que le hub a refusé.',
      'Vérifiez que l\'opération est prise en charge pour ce type d\'identité (appareil ou module) et pour le niveau tarifaire du hub.',
      NO_BLIND_RETRY,
    ],
  },
  400004: {
    title: 'Argument invalide dans la requête',
    cause: 'Une valeur de la requête n\'a pas pu être analysée ou n\'a pas passé la validation, par exemple un caractère interdit dans un nom de propriété de jumeau ou un délai de méthode directe hors de la plage de 5 à 300 secondes. Côté appelant.',
    actions: [
      'Lisez le message d\'erreur : il nomme généralement l\'argument et la plage autorisée.',
      'Corrigez la valeur dans le code appelant ou dans le contenu envoyé.',
      'Renvoyez la requête corrigée.',
    ],
  },
  400005: {
    title: 'Valeur obligatoire manquante',
    cause: 'Un argument ou un champ obligatoire était nul ou absent : la requête est incomplète. Côté appelant.',
    actions: [
      'Repérez le champ vide (le message d\'erreur le nomme souvent).',
      'Assurez-vous que le code appelant renseigne toutes les valeurs obligatoires, y compris le corps du message.',
      'Renvoyez la requête une fois complète.',
    ],
  },
  400006: {
    title: 'Format de requête invalide',
    cause: 'Le hub n\'a pas pu lire la requête car son format est incorrect, typiquement un JSON mal formé dans une mise à jour de jumeau ou un appel au registre. Côté appelant.',
    actions: [
      'Validez le corps JSON (guillemets, virgules, imbrication) avec un analyseur JSON.',
      'Vérifiez l\'en-tête Content-Type et que les noms de propriétés respectent les règles de nommage d\'IoT Hub.',
      'Corrigez la sérialisation côté appelant et renvoyez la requête.',
    ],
  },
  400007: {
    title: 'Données d\'appareil stockées non sérialisables',
    cause: `Le hub n'a pas pu sérialiser ou désérialiser une entité d'appareil stockée. ${OBSOLETE}`,
    actions: [
      'Vérifiez le format des données d\'appareil envoyées (jumeau, tags, propriétés).',
      'Mettez à jour les anciens SDK et outils.',
      SUPPORT_IF_PERSISTS,
    ],
  },
  400008: {
    title: 'Conteneur d\'objets blob invalide pour l\'import/export',
    cause: `Le conteneur d'objets blob fourni à un job d'import ou d'export en masse a été refusé. ${OBSOLETE}`,
    actions: [
      'Vérifiez le nom du conteneur et son existence.',
      'Vérifiez que l\'URI SAS du conteneur n\'a pas expiré et accorde les autorisations nécessaires au job.',
      'Relancez le job avec l\'URI de conteneur corrigée.',
    ],
  },
  400009: {
    title: 'Import en masse terminé avec des avertissements',
    cause: `Un import d'appareils en masse a signalé des avertissements pour certaines entrées. ${OBSOLETE}`,
    actions: [
      'Ouvrez le journal d\'erreurs écrit par le job dans son conteneur de sortie et lisez les avertissements par appareil.',
      'Corrigez les appareils concernés dans le fichier d\'import.',
      'Importez de nouveau ces appareils.',
    ],
  },
  400010: {
    title: 'Version de schéma invalide',
    cause: `La requête utilise une version de schéma que le hub n'accepte pas. ${OBSOLETE}`,
    actions: [
      'Mettez à jour le SDK ou l\'outil qui a envoyé la requête.',
      'Si vous construisez les requêtes vous-même, utilisez une version de schéma et d\'API prise en charge par le hub.',
    ],
  },
  400011: {
    title: 'Même identifiant d\'appareil répété dans un lot',
    cause: 'Une requête de registre en masse contenait plusieurs fois le même identifiant d\'appareil : le hub l\'a rejetée. Côté appelant.',
    actions: ['Supprimez les identifiants d\'appareil en double du lot.', 'Renvoyez le lot corrigé.'],
  },
  400012: {
    title: 'Corps de la requête non désérialisable',
    cause: `Le hub n'a pas pu reconvertir le corps de la requête en données exploitables. ${OBSOLETE}`,
    actions: [
      'Vérifiez que le corps est bien formé et conforme au schéma attendu.',
      'Mettez à jour les anciens SDK, puis renvoyez la requête.',
    ],
  },
  400013: {
    title: 'Échec d\'une opération de registre en masse',
    cause: 'Le hub a trouvé un problème dans les données d\'une opération de registre en masse : une partie ou la totalité des appareils du lot n\'a pas été traitée. Côté appelant.',
    actions: [
      'Lisez les erreurs par appareil dans la réponse de l\'opération.',
      'Corrigez les entrées en échec (identifiants, clés, ETags, doublons).',
      'Renvoyez uniquement les entrées en échec.',
    ],
  },
  400014: {
    title: 'Stockage du chargement de fichiers non configuré',
    cause: 'Un appareil a lancé un chargement de fichier, mais aucun compte de stockage n\'est configuré sur le hub pour les chargements. Problème de configuration du hub, pas une panne du service.',
    actions: [
      'Dans les paramètres Chargement de fichiers du hub, choisissez un compte de stockage et un conteneur.',
      'Assurez-vous que le hub peut joindre ce compte et y écrire.',
      'Faites recommencer le chargement par l\'appareil.',
    ],
  },
  400015: {
    title: 'Identifiant de corrélation du chargement invalide',
    cause: 'L\'appareil a terminé un chargement de fichier avec un identifiant de corrélation inconnu du hub. Il doit s\'agir de l\'identifiant renvoyé par le hub avec l\'URI SAS ; côté appelant.',
    actions: [
      'Envoyez la notification de fin de chargement avec l\'identifiant de corrélation exact reçu avec l\'URI SAS.',
      'Vérifiez que l\'appareil ne mélange pas les identifiants entre chargements simultanés.',
      'Relancez un nouveau chargement si l\'identifiant a été perdu.',
    ],
  },
  400016: {
    title: 'Identifiant de corrélation du chargement expiré',
    cause: 'L\'appareil a signalé la fin d\'un chargement trop tard : l\'identifiant de corrélation utilisé a expiré.',
    actions: [
      'Demandez une nouvelle URI SAS et un nouvel identifiant de corrélation, puis rechargez le fichier.',
      'Envoyez la notification de fin dès que l\'envoi de l\'objet blob est terminé.',
    ],
  },
  400017: {
    title: 'Point de terminaison de stockage invalide',
    cause: 'Le hub a refusé un point de terminaison de stockage de sa configuration de routage ou de chargement de fichiers. Problème de configuration du hub, pas une panne du service.',
    actions: [
      'Vérifiez les paramètres du point de terminaison : compte, conteneur et authentification.',
      'Vérifiez que le compte de stockage existe toujours et reste joignable depuis le hub.',
      'Enregistrez le point de terminaison corrigé et réessayez.',
    ],
  },
  400018: {
    title: 'Point de terminaison de messagerie invalide',
    cause: 'Un point de terminaison de routage (messagerie) de la configuration du hub n\'est pas valide. Problème de configuration du hub.',
    actions: [
      'Passez en revue les points de terminaison personnalisés du routage des messages : ressource cible, nom et authentification.',
      'Vérifiez que la ressource Event Hubs, Service Bus ou Storage existe toujours.',
      'Corrigez et enregistrez le point de terminaison.',
    ],
  },
  400019: {
    title: 'Statut de fin de chargement invalide',
    cause: 'L\'appareil a envoyé une notification de fin de chargement que le hub n\'a pas pu accepter, par exemple avec un statut absent ou mal formé. Côté appelant.',
    actions: [
      'Envoyez la notification de fin avec l\'identifiant de corrélation, l\'indicateur de succès et un code de statut.',
      'Mettez à jour le SDK appareil, ou corrigez la notification si vous la construisez vous-même.',
    ],
  },
  400020: {
    title: 'Le stockage a refusé le chargement de fichier',
    cause: 'Lors de la création de l\'objet blob d\'un chargement, Azure Storage a refusé la demande (interdite, non autorisée, introuvable ou incorrecte). Un SDK .NET en préversion utilise ce numéro pour un hub suspendu, dont la cause habituelle est la facturation.',
    actions: [
      'Vérifiez que le compte de stockage du chargement de fichiers et son conteneur existent.',
      'Vérifiez l\'accès du hub à ce compte (chaîne de connexion, ou rôle de l\'identité managée).',
      'Si le hub apparaît suspendu, vérifiez la facturation et la limite de dépense de l\'abonnement.',
    ],
  },
  400021: {
    title: 'Requête annulée avant la fin',
    cause: 'La requête a été annulée avant que le hub ne la termine. Son contenu n\'est généralement pas en cause.',
    actions: [
      'Réessayez la requête avec un backoff.',
      'Si cela se répète, vérifiez si l\'appelant annule lui-même ses requêtes (délais courts, jetons d\'annulation).',
    ],
    transientNote: 'Transitoire : une nouvelle tentative aboutit normalement.',
  },
  400022: {
    title: 'Propriété de point de terminaison de stockage invalide',
    cause: 'Une propriété d\'un point de terminaison de stockage, comme le format des noms de fichiers, le regroupement ou l\'encodage, a une valeur que le hub refuse. Problème de configuration du hub.',
    actions: [
      'Vérifiez chaque propriété du point de terminaison de stockage par rapport aux valeurs autorisées.',
      'Enregistrez le point de terminaison corrigé.',
    ],
  },
  400023: {
    title: 'ETag différent de celui de la ressource',
    cause: 'La requête porte un ETag qui n\'est plus à jour : quelqu\'un a modifié la ressource depuis votre lecture. C\'est le contrôle d\'accès concurrentiel optimiste qui joue son rôle, côté appelant.',
    actions: [
      'Relisez la ressource pour obtenir l\'ETag actuel.',
      'Réappliquez votre modification sur cette nouvelle copie et envoyez-la avec le nouvel ETag.',
    ],
  },
  400024: {
    title: 'Délai dépassé côté hub',
    cause: 'Le hub n\'a pas pu terminer la requête à temps. C\'est généralement transitoire.',
    actions: [
      'Réessayez avec un backoff exponentiel.',
      'Si les dépassements de délai sont fréquents, consultez Resource Health pour le hub et la latence entre l\'appelant et le hub.',
    ],
    transientNote: 'Transitoire : réessayez ; des dépassements répétés justifient un coup d\'œil à l\'état du hub.',
  },
  400025: {
    title: 'Opération non prise en charge sur ce réplica',
    cause: `Le hub a refusé d'exécuter l'opération sur le réplica atteint. ${RARE}`,
    actions: [
      'Lisez le détail de l\'erreur pour savoir quelle opération est en cause.',
      'Vérifiez que l\'appelant utilise le nom d\'hôte habituel du hub.',
      SUPPORT_IF_PERSISTS,
    ],
  },
  400026: {
    title: 'Message vide (null)',
    cause: 'Le client a envoyé un message nul. Côté appelant.',
    actions: [
      'Assurez-vous que le code construit bien un objet message avant l\'envoi.',
      'Recherchez les chemins de code qui ne renvoient rien pour certaines entrées.',
    ],
  },
  400027: {
    title: 'Connexion fermée : même identité reconnectée',
    cause: 'Un autre client s\'est connecté avec la même identité d\'appareil ou de module, et le hub a fermé cette connexion car une identité ne peut avoir qu\'une connexion à la fois. AMQP et MQTT uniquement ; côté appelant.',
    actions: [
      'Cherchez ce qui utilise aussi cette identité : un second conteneur, un déploiement dupliqué, un outil de test ou une chaîne de connexion copiée.',
      'Donnez à chaque instance cliente sa propre identité d\'appareil ou de module.',
      'Assurez-vous que l\'application n\'ouvre une nouvelle connexion qu\'une fois la précédente fermée.',
    ],
  },
  400028: {
    title: 'Étendue d\'appareil invalide',
    cause: 'L\'étendue de l\'appareil, qui le rattache à son parent IoT Edge, n\'est pas valide pour cette opération. Côté appelant.',
    actions: [
      'Vérifiez le parent de l\'appareil dans le registre et que ce parent est bien un appareil IoT Edge.',
      'Définissez l\'étendue à partir de l\'appareil parent, puis réessayez.',
    ],
  },
  400029: {
    title: 'Connexion fermée pendant une mise à niveau du service',
    cause: 'Le hub a fermé les connexions existantes pendant une mise à niveau de sa plateforme. Côté service, et attendu de temps à autre.',
    actions: [
      'Laissez le client se reconnecter : une nouvelle tentative devrait réussir immédiatement.',
      'Vérifiez que la stratégie de nouvelle tentative du client n\'est pas désactivée.',
    ],
    transientNote: 'Transitoire : les SDK se reconnectent d\'eux-mêmes.',
  },
  400030: {
    title: 'Connexion refusée pendant une mise à niveau',
    cause: 'Pendant une mise à niveau de sa plateforme, le hub a rejeté les nouvelles connexions et les nouvelles tentatives immédiates. Côté service et de courte durée.',
    actions: [
      'Réessayez avec un backoff exponentiel et de la gigue, pas immédiatement.',
      'Si toute une flotte se reconnecte en même temps, étalez les tentatives pour qu\'elles n\'arrivent pas ensemble.',
    ],
    transientNote: 'Transitoire : les connexions aboutissent une fois l\'étape de mise à niveau passée ; évitez une boucle de tentatives serrée.',
  },
  400031: {
    title: 'Type d\'authentification du point de terminaison invalide',
    cause: 'Un point de terminaison de routage ou de chargement de fichiers utilise un type d\'authentification inutilisable par le hub (par clé ou par identité). Problème de configuration du hub.',
    actions: [
      'Vérifiez le type d\'authentification du point de terminaison.',
      'S\'il repose sur une identité, vérifiez que l\'identité managée du hub est activée et dispose d\'un rôle sur la cible.',
      'Enregistrez de nouveau le point de terminaison avec le bon type.',
    ],
  },
  400032: {
    title: 'Identité managée non activée sur le hub',
    cause: 'La configuration demande au hub d\'utiliser une identité managée, mais cette identité n\'est pas activée sur le hub.',
    actions: [
      'Activez l\'identité attribuée par le système sur le hub, ou associez l\'identité attribuée par l\'utilisateur indiquée par le point de terminaison.',
      'Accordez à cette identité le rôle nécessaire sur la ressource cible.',
      'Relancez la modification de configuration.',
    ],
  },
  400033: {
    title: 'Conteneur de stockage désactivé',
    cause: 'Les journaux de ressources du hub indiquent qu\'un conteneur de stockage utilisé pour le routage ou le chargement de fichiers est désactivé. Le hub ne peut plus y écrire tant que ce n\'est pas corrigé.',
    actions: [
      'Vérifiez le compte de stockage et le conteneur derrière le point de terminaison de routage ou le paramètre de chargement de fichiers.',
      'Assurez-vous que le conteneur existe et que le compte accepte les écritures du hub.',
      ROUTING_LOGS,
    ],
  },
  400035: {
    title: 'Clé de stratégie d\'accès partagé invalide',
    cause: 'La clé fournie pour une stratégie d\'accès partagé a été refusée comme invalide. Côté appelant.',
    actions: [
      'Vérifiez que la clé a été copiée en entier, sans caractère en trop.',
      'En cas de doute, régénérez la clé puis mettez à jour tous les clients qui l\'utilisent.',
    ],
  },
  400036: {
    title: 'Échec de la régénération de clés en masse',
    cause: 'Une opération en masse de régénération des clés d\'appareils a échoué pour une partie ou la totalité des appareils.',
    actions: [
      'Lisez les résultats par appareil dans la réponse.',
      'Relancez l\'opération pour les appareils en échec.',
      'Assurez-vous que les appareils reçoivent leurs nouvelles clés, sinon leur authentification échouera.',
    ],
  },
  400100: {
    title: 'Données du test de route invalides',
    cause: 'Les données fournies à un test de route (message d\'exemple, propriétés ou requête de route) sont inutilisables. Côté appelant ; le trafic réel n\'est pas affecté.',
    actions: ['Vérifiez le message d\'exemple, ses propriétés et la requête de route utilisés par le test.', 'Relancez le test.'],
  },
  400101: {
    title: 'Source de données de la route invalide',
    cause: 'Une route de messages désigne une source de données que le hub n\'accepte pas pour elle.',
    actions: [
      'Choisissez une source prise en charge, comme la télémétrie des appareils, les événements de modification de jumeau ou les événements de cycle de vie.',
      'Enregistrez de nouveau la route.',
    ],
  },
  400102: {
    title: 'Routage des messages non activé',
    cause: 'L\'opération nécessite le routage des messages, qui n\'est pas activé pour ce hub ou cette source de données.',
    actions: ['Activez le routage sur le hub et créez la route dont l\'opération a besoin.', 'Relancez l\'opération.'],
  },
  400103: {
    title: 'Type ou encodage de contenu invalide pour le routage',
    cause: 'Un message porte un type ou un encodage de contenu inutilisable par le hub. Pour router sur le corps du message, IoT Hub exige le type de contenu application/json et un encodage UTF-8, UTF-16 ou UTF-32.',
    actions: [
      'Définissez la propriété système contentType des messages de l\'appareil sur application/json.',
      'Définissez contentEncoding sur utf-8 (ou utf-16, utf-32).',
      'Redéployez le code de l\'appareil et vérifiez que le routage sur le corps fonctionne.',
    ],
  },
  400301: {
    title: 'Enregistrement de module à module non pris en charge',
    cause: `La requête tentait d'enregistrer un module sous un autre module, ce qu'IoT Hub ne permet pas. ${OBSOLETE}`,
    actions: [
      'Enregistrez les modules sous une identité d\'appareil.',
      'Pour les échanges entre modules sur IoT Edge, utilisez les routes edgeHub du déploiement.',
    ],
  },
  400302: {
    title: 'Routage non activé pour ce locataire de hub',
    cause: `L'opération nécessite un routage qui n'est pas activé pour ce hub. ${RARE}`,
    actions: ['Vérifiez les paramètres de routage des messages du hub.', SUPPORT_IF_PERSISTS],
  },
  400401: {
    title: 'Condition cible de configuration invalide',
    cause: 'La condition cible d\'une configuration automatique d\'appareils ou IoT Edge ne peut pas être analysée ou utilisée. Côté appelant.',
    actions: [
      'Vérifiez la syntaxe de la condition cible : noms de tags et de propriétés, guillemets, opérateurs.',
      'Testez d\'abord la condition sous forme de requête d\'appareils.',
      'Enregistrez de nouveau la configuration.',
    ],
  },
  400402: {
    title: 'Contenu de configuration invalide',
    cause: 'Le contenu d\'une configuration automatique d\'appareils ou IoT Edge, c\'est-à-dire les propriétés ou paramètres de modules qu\'elle applique, n\'est pas valide.',
    actions: ['Validez le JSON du contenu de la configuration par rapport au schéma attendu.', 'Corrigez-le et soumettez de nouveau la configuration.'],
  },
  400403: {
    title: 'Contenu de configuration non modifiable',
    cause: 'Le contenu d\'une configuration automatique existante est immuable : seuls certains réglages, comme la condition cible ou la priorité, peuvent être modifiés.',
    actions: [
      'Créez une nouvelle configuration avec le nouveau contenu.',
      'Donnez-lui une priorité plus élevée, puis supprimez l\'ancienne une fois le déploiement terminé.',
    ],
  },
  400404: {
    title: 'Requête de métrique de configuration invalide',
    cause: 'Une requête de métrique personnalisée d\'une configuration automatique ne peut pas être analysée ou exécutée.',
    actions: ['Vérifiez la syntaxe de la requête de métrique en l\'essayant comme requête de jumeaux d\'appareils.', 'Enregistrez de nouveau la configuration.'],
  },
  400501: pnpPayload(
    'Définition d\'interface Plug and Play invalide',
    'Le hub n\'a pas pu accepter une définition d\'interface Plug and Play envoyée avec la requête.',
    'Vérifiez les noms d\'interfaces et de composants utilisés dans la requête.',
  ),
  400502: pnpPayload(
    'Propriétés souhaitées Plug and Play invalides',
    'Les propriétés souhaitées envoyées à un appareil Plug and Play ne correspondent pas à son modèle : propriété inconnue, mauvais composant ou mauvais type.',
    'Vérifiez le nom, le composant et le type de chaque propriété souhaitée.',
  ),
  400503: pnpPayload(
    'Propriétés signalées Plug and Play invalides',
    'L\'appareil a signalé des propriétés qui ne correspondent pas à son modèle Plug and Play.',
    'Vérifiez les noms des propriétés signalées par l\'appareil, les marqueurs de composant et les types de valeurs.',
  ),
  400504: pnpPayload(
    'Réponse à une propriété accessible en écriture invalide',
    'La réponse de l\'appareil à la mise à jour d\'une propriété accessible en écriture n\'a pas la forme attendue par Plug and Play.',
    'Faites répondre l\'appareil avec la valeur, un code de statut ac, la version av et une description ad facultative.',
  ),
  400505: pnpPayload(
    'JSON Patch de jumeau numérique invalide',
    'Le document JSON Patch envoyé à l\'API de jumeau numérique n\'est pas valide.',
    'Vérifiez qu\'il s\'agit d\'un tableau JSON d\'opérations comportant chacune op, path et value.',
  ),
  400506: pnpPayload(
    'Contenu de jumeau numérique invalide',
    'Le corps envoyé à l\'API de jumeau numérique n\'est pas un contenu de jumeau numérique valide.',
    'Vérifiez la structure du contenu et les types de valeurs.',
  ),
  400507: pnpPayload(
    'Correctif de jumeau numérique invalide',
    'Le correctif de jumeau numérique utilise des opérations ou des valeurs que le hub n\'accepte pas.',
    'N\'utilisez que les opérations add, replace et remove, avec des valeurs du bon type.',
  ),
  400508: pnpPayload(
    'Chemin du correctif de jumeau numérique invalide',
    'Un chemin du correctif de jumeau numérique désigne une propriété ou un composant inexistant, ou est mal écrit.',
    'Vérifiez chaque chemin (composant, puis nom de propriété) par rapport aux noms définis dans le modèle.',
  ),
  401000: {
    title: 'Non autorisé',
    cause: 'Le hub n\'a pas accepté les informations d\'identification de l\'appelant, sans raison plus précise. Côté appelant : l\'identifiant lui-même, ses autorisations ou sa validité.',
    actions: [
      'Vérifiez l\'identifiant utilisé : chaîne de connexion, jeton SAS, certificat X.509 ou jeton Microsoft Entra.',
      'Vérifiez qu\'il n\'a pas expiré et que l\'horloge de l\'appareil est juste.',
      'Vérifiez que la stratégie ou le rôle autorise l\'opération tentée.',
    ],
  },
  401001: {
    title: 'Hub IoT introuvable',
    cause: 'Le nom d\'hôte de la requête ne correspond à aucun hub IoT existant, bien que le service le signale comme une erreur d\'autorisation. Côté appelant : le plus souvent une faute de frappe ou un hub supprimé.',
    actions: [
      'Comparez le nom d\'hôte de la chaîne de connexion avec celui du hub dans le portail.',
      'Vérifiez que le hub existe toujours dans l\'abonnement attendu.',
      'Corrigez la chaîne de connexion et redémarrez le client.',
    ],
  },
  401002: {
    title: 'Accès refusé : jeton, clé ou stratégie rejeté',
    cause: 'Le hub n\'a pas pu authentifier la requête : le jeton SAS a expiré, sa signature ne correspond pas à la clé actuelle, ou la stratégie n\'autorise pas l\'opération. Côté appelant.',
    actions: [
      'Régénérez le jeton SAS ou la chaîne de connexion à partir de la clé actuelle, au cas où les clés auraient été renouvelées.',
      'Vérifiez que la stratégie ou l\'identifiant de l\'appareil dispose de l\'autorisation requise.',
      'Vérifiez l\'horloge de l\'appareil : une horloge très décalée fait paraître expirés des jetons valides.',
      'Interrogez les journaux de ressources Connections pour l\'identité en échec.',
    ],
  },
  401003: {
    title: 'Appareil non autorisé ou jeton expiré',
    cause: 'Le plus souvent, le jeton SAS de l\'appareil a expiré et le hub a coupé la connexion MQTT ; le SDK renouvelle alors le jeton et se reconnecte, si bien que ce code suivi d\'une reconnexion environ une fois par heure est normal. Sinon, l\'authentification a réellement échoué : jeton ou certificat expiré, mauvaise empreinte, autorisation manquante ou horloge de l\'appareil décalée de plus de quelques minutes.',
    actions: [
      'Si l\'erreur revient à intervalle régulier et que l\'appareil se reconnecte chaque fois, aucune action n\'est nécessaire.',
      'Sinon, vérifiez l\'expiration du jeton ou du certificat, l\'empreinte enregistrée et le format de l\'identifiant.',
      'Pour un principal Microsoft Entra, vérifiez qu\'il dispose d\'un rôle de données IoT Hub sur le hub.',
      'Synchronisez l\'horloge de l\'appareil avec NTP.',
      'Interrogez les journaux de ressources Connections au niveau Error pour cet appareil.',
    ],
    transientNote: 'Souvent sans gravité : renouvellement périodique du jeton SAS. Des refus qui se répètent indiquent un problème d\'identifiants que les nouvelles tentatives ne régleront pas.',
  },
  401004: rareLookup('Pool élastique introuvable', 'Le service n\'a pas trouvé le pool élastique auquel la requête fait référence.'),
  401100: {
    title: 'Module système IoT Edge non autorisé à modifier',
    cause: 'Un module système IoT Edge (edgeAgent ou edgeHub) a tenté de modifier une ressource qu\'il n\'est pas autorisé à changer.',
    actions: [
      'Repérez dans les journaux IoT Edge la ressource que le module a tenté de modifier.',
      'Faites plutôt cette modification depuis le back-end ou le manifeste de déploiement.',
    ],
  },
  403000: {
    title: 'Interdit',
    cause: 'Le hub a refusé la requête : l\'appelant est connu, mais l\'opération n\'est pas permise ou une limite est atteinte. Aucun code plus précis n\'a été fourni.',
    actions: [
      'Lisez le message d\'erreur pour connaître la limite ou l\'autorisation en cause.',
      'Vérifiez les autorisations de l\'appelant ainsi que les quotas et le niveau tarifaire du hub.',
      NO_BLIND_RETRY,
    ],
  },
  403001: {
    title: 'Hub IoT suspendu',
    cause: 'Le hub est suspendu, le plus souvent parce que l\'abonnement a atteint sa limite de dépense ou présente un problème de facturation ; il rejette le trafic jusqu\'à sa réactivation. Un SDK .NET en préversion utilise ce numéro pour une erreur de quota de jobs (un autre job déjà en cours).',
    actions: [
      'Vérifiez l\'état du hub dans le portail ainsi que la facturation et la limite de dépense de l\'abonnement.',
      'Réglez le problème de facturation, puis vérifiez que le hub repasse à l\'état Active.',
      'Si la facturation est en règle et que le hub reste suspendu, contactez le support Azure.',
    ],
  },
  403002: {
    title: 'Quota quotidien de messages épuisé',
    cause: 'Le hub a consommé tous les messages que son niveau tarifaire et ses unités autorisent pour la journée : il refuse les suivants. Certains SDK le réessaient comme une erreur transitoire, mais le quota n\'est réinitialisé qu\'à 0 h UTC.',
    actions: [
      'Comparez la métrique « Total number of messages used » avec l\'allocation quotidienne du niveau tarifaire.',
      'Pour rétablir le service tout de suite, ajoutez des unités ou passez à un niveau supérieur.',
      'Sinon, attendez la réinitialisation quotidienne à 0 h UTC.',
      'Ajoutez une alerte sur la consommation de messages et identifiez les opérations qui en consomment le plus.',
    ],
    transientNote: 'Pas vraiment transitoire : les nouvelles tentatives des SDK (les SDK .NET la considèrent comme réessayable) échouent jusqu\'à la réinitialisation à 0 h UTC ou l\'ajout de capacité.',
  },
  403003: {
    title: 'Trop de jobs en cours simultanément',
    cause: 'Le hub exécute déjà autant de jobs que son niveau tarifaire le permet : un en Free et S1, cinq en S2, dix en S3, et un seul job d\'import ou d\'export à la fois quel que soit le niveau.',
    actions: [
      'Listez les jobs en cours et attendez qu\'un se termine, ou annulez celui dont vous n\'avez plus besoin.',
      'Planifiez de nouveau le job.',
      'Si vous avez souvent besoin de jobs en parallèle, envisagez un niveau supérieur.',
    ],
  },
  403004: {
    title: 'File cloud-vers-appareil de l\'appareil pleine',
    cause: 'L\'appareil a déjà 50 messages cloud-vers-appareil en attente, la limite par appareil : le hub refuse les nouveaux. En général l\'appareil ne valide pas ses messages, souvent parce qu\'il interroge en HTTPS. Le SDK appareil .NET signale aussi avec cette exception la condition AMQP de limite de ressource, qui correspond en réalité à un dépassement de quota.',
    actions: [
      'Faites valider, rejeter ou abandonner rapidement chaque message par l\'appareil.',
      'Préférez AMQP ou MQTT à l\'interrogation HTTPS pour les messages cloud-vers-appareil.',
      'Envoyez moins de messages ou donnez-leur une expiration plus courte.',
      'Videz la file de l\'appareil depuis le back-end si elle est remplie de messages périmés.',
    ],
  },
  403005: {
    title: 'Trop de jetons de sécurité AMQP sur une connexion',
    cause: `La connexion AMQP détient plus de jetons de sécurité basés sur les revendications (CBS) que le hub ne le permet, typiquement quand une connexion multiplexe de nombreuses identités d'appareils. ${OBSOLETE}`,
    actions: [
      'Réduisez le nombre d\'identités multiplexées sur une même connexion AMQP.',
      'Mettez à jour le SDK s\'il est ancien.',
    ],
  },
  403006: {
    title: 'Trop de chargements de fichiers ouverts pour l\'appareil',
    cause: 'L\'appareil a plus de 10 chargements de fichiers ouverts en même temps, la limite par appareil. En général, il ne signale pas au hub la fin de ses chargements, par exemple sur un réseau peu fiable.',
    actions: [
      'Faites envoyer par l\'appareil la notification de fin après chaque chargement, réussi ou non.',
      'Raccourcissez la durée de vie des SAS de chargement pour que les chargements abandonnés expirent plus vite.',
      'Limitez le nombre de chargements que l\'appareil mène en parallèle.',
    ],
  },
  403007: {
    title: 'Taille maximale de la file de l\'appareil atteinte',
    cause: 'La file cloud-vers-appareil de l\'appareil a atteint sa taille maximale : les nouveaux messages sont refusés.',
    actions: [
      'Faites recevoir et valider par l\'appareil ses messages en attente.',
      'Envoyez des messages cloud-vers-appareil moins nombreux ou plus petits, ou videz la file.',
    ],
  },
  403008: {
    title: 'Le point de terminaison de routage refuse l\'accès',
    cause: 'Un point de terminaison de routage (Event Hubs, Service Bus ou Storage) a répondu Forbidden quand le hub a voulu livrer des messages. Les identifiants ou le rôle du hub sur cette ressource sont insuffisants, ou un pare-feu bloque le hub.',
    actions: [
      'Vérifiez la chaîne de connexion du point de terminaison, ou le rôle de l\'identité du hub sur la ressource cible.',
      'Vérifiez que les règles réseau de la cible laissent passer le hub (services Microsoft approuvés).',
      ROUTING_LOGS,
    ],
  },
  403009: {
    title: 'Date d\'expiration du message invalide',
    cause: 'Un message a été envoyé avec une date d\'expiration (durée de vie) que le hub n\'accepte pas.',
    actions: ['Fixez l\'expiration du message dans les limites configurées sur le hub.', 'Vérifiez que l\'appelant calcule l\'expiration en UTC.'],
  },
  403010: {
    title: 'Non disponible dans le niveau tarifaire du hub',
    cause: 'L\'opération ne fait pas partie du niveau tarifaire du hub : le niveau De base, par exemple, n\'offre ni messages cloud-vers-appareil, ni jumeaux d\'appareils, ni méthodes directes.',
    actions: ['Vérifiez le niveau tarifaire du hub dans le portail.', 'Passez à un niveau Standard si vous avez besoin de la fonctionnalité.'],
  },
  403011: {
    title: 'Clé gérée par le client révoquée',
    cause: 'Le hub chiffre ses données avec une clé gérée par le client qui a été révoquée, désactivée ou rendue inaccessible dans Key Vault : il ne peut plus exploiter ses données.',
    actions: [
      'Vérifiez l\'état et la version de la clé dans Key Vault.',
      'Vérifiez que l\'identité du hub a toujours accès à la clé.',
      'Rétablissez la clé ou l\'accès, puis réessayez.',
    ],
  },
  403012: {
    title: 'Appareil désactivé',
    cause: 'L\'identité de l\'appareil est désactivée dans le registre du hub : le hub refuse ses connexions et les opérations qui le ciblent.',
    actions: ['Vérifiez si l\'appareil a été désactivé volontairement.', 'Sinon, réactivez-le dans le registre.'],
  },
  403100: {
    title: 'Trop de propriétés dans le modèle d\'appareil',
    cause: 'L\'appareil ou son modèle dépasse le nombre maximal de propriétés accepté par le hub.',
    actions: [
      'Réduisez le nombre de propriétés du modèle ou du jumeau.',
      'Sortez du jumeau les données rarement utilisées, par exemple vers la télémétrie.',
    ],
  },
  403101: {
    title: 'Trop de propriétés indexables dans le modèle',
    cause: 'Le modèle d\'appareil déclare plus de propriétés indexables que le hub ne le permet.',
    actions: ['Réduisez le nombre de propriétés indexables du modèle.', 'Chargez le modèle révisé et réessayez.'],
  },
  403800: {
    title: 'Trop d\'appels de méthode directe en attente',
    cause: 'Le back-end a plus d\'appels de méthode directe en cours vers cet appareil que le hub n\'en autorise simultanément. Côté appelant.',
    actions: [
      'Attendez la fin des appels en cours avant d\'en envoyer de nouveaux.',
      'Sérialisez ou limitez le débit des appels de méthode directe par appareil.',
      'Vérifiez que l\'appareil répond rapidement à ses méthodes.',
    ],
  },
  404000: {
    title: 'Introuvable',
    cause: 'La ressource désignée par la requête n\'existe pas sur ce hub. Côté appelant : mauvais identifiant, mauvais hub ou ressource supprimée.',
    actions: ['Vérifiez l\'identifiant utilisé et le hub auquel la requête a été envoyée.', 'Créez la ressource si elle devrait exister.'],
  },
  404001: {
    title: 'Appareil non inscrit sur ce hub',
    cause: 'L\'identifiant d\'appareil de la requête n\'est pas inscrit sur ce hub, ou il est désactivé : le message cloud-vers-appareil, la mise à jour du jumeau ou la méthode directe n\'a pas de destinataire. Côté appelant.',
    actions: [
      'Vérifiez l\'orthographe et la casse de l\'identifiant d\'appareil.',
      'Vérifiez que la requête part vers le hub où l\'appareil est inscrit.',
      'Inscrivez ou réactivez l\'appareil, puis réessayez.',
    ],
  },
  404002: {
    title: 'Job introuvable',
    cause: `L'identifiant de job de la requête ne correspond à aucun job sur ce hub. ${OBSOLETE}`,
    actions: ['Vérifiez l\'identifiant de job de la requête.', 'Interrogez les jobs du hub pour retrouver le bon identifiant.'],
  },
  404003: {
    title: 'Partition interne introuvable (ancien code)',
    cause: 'Les anciennes versions des SDK utilisaient ce numéro pour l\'actuel 503003 : un problème interne d\'IoT Hub, côté service et très probablement transitoire.',
    actions: [
      'Réessayez avec un backoff exponentiel et de la gigue.',
      'Si le problème persiste, consultez Resource Health pour le hub, puis contactez le support Azure avec l\'identifiant de suivi.',
      'Mettez à jour le SDK, qui signale ce cas sous le code 503003.',
    ],
    transientNote: 'Transitoire, côté service : réessayer est la bonne première réaction.',
  },
  404004: {
    title: 'Métrique de quota introuvable',
    cause: 'La métrique de quota désignée par la requête n\'existe pas sur ce hub.',
    actions: ['Vérifiez le nom de la métrique dans la requête.', 'Listez les métriques de quota du hub pour trouver la bonne.'],
  },
  404005: {
    title: 'Propriété système de message introuvable',
    cause: 'La requête fait référence à une propriété système de message qui n\'existe pas.',
    actions: [
      'Vérifiez le nom de la propriété système (par exemple contentType, contentEncoding ou messageId).',
      'Utilisez des propriétés d\'application pour vos propres valeurs.',
    ],
  },
  404006: {
    title: 'Adresse de lien AMQP non reconnue',
    cause: 'Le client a ouvert un lien AMQP vers une adresse inconnue du hub, comme un lien de jumeau ou de méthode au chemin mal formé. Côté appelant.',
    actions: [
      'Mettez à jour le SDK et vérifiez qu\'il prend en charge la fonctionnalité (jumeau, méthodes) en AMQP.',
      'Si vous construisez vous-même les liens AMQP, vérifiez le format d\'adresse pour les appareils et les modules.',
    ],
  },
  404007: {
    title: 'Point de terminaison de routage introuvable',
    cause: 'Quand le hub a voulu livrer des messages routés, la ressource du point de terminaison a répondu Not Found : elle a été supprimée, renommée ou déplacée.',
    actions: [
      'Vérifiez que la ressource Event Hubs, Service Bus ou Storage derrière le point de terminaison existe toujours.',
      'Mettez à jour ou supprimez le point de terminaison dans le routage des messages.',
      ROUTING_LOGS,
    ],
  },
  404008: {
    title: 'Certificat introuvable',
    cause: 'Le certificat désigné par la requête n\'est pas enregistré sur ce hub.',
    actions: ['Vérifiez le nom du certificat dans la liste Certificats du hub.', 'Chargez et vérifiez le certificat d\'autorité s\'il manque.'],
  },
  404009: rareLookup('Hub locataire du pool élastique introuvable', 'Le service n\'a pas trouvé, dans son pool élastique, le hub locataire auquel la requête fait référence.'),
  404010: {
    title: 'Module non inscrit sur l\'appareil',
    cause: 'L\'identifiant de module de la requête n\'est pas inscrit sur cet appareil, ou il est désactivé. Côté appelant.',
    actions: [
      'Vérifiez l\'identifiant d\'appareil et l\'identifiant de module, tous deux sensibles à la casse.',
      'Inscrivez ou réactivez l\'identité du module, puis réessayez.',
      'Sur IoT Edge, vérifiez que le module fait partie du déploiement.',
    ],
  },
  404011: rareLookup('Magasin Azure Table introuvable', 'Un magasin Azure Table dont dépend la requête est introuvable.'),
  404012: {
    title: 'Basculement du hub IoT en cours',
    cause: 'Le hub bascule vers sa région associée et ne peut pas traiter cette requête pour l\'instant. Côté service, que le basculement ait été lancé par vous ou par Microsoft ; il dure d\'une dizaine de minutes à quelques heures selon le nombre d\'appareils.',
    actions: [
      'Ne lancez pas d\'autre basculement : attendez la fin de celui-ci.',
      'Suivez la progression dans le portail (bandeau de basculement) et dans Resource Health pour le hub.',
      'Laissez les appareils réessayer avec un backoff : ils joignent la nouvelle région par le même nom d\'hôte.',
      'Ensuite, mettez à jour les lecteurs du point de terminaison intégré (son nom compatible Event Hubs change) et redémarrez les Functions ou jobs Stream Analytics qui l\'utilisent.',
    ],
    transientNote: 'Transitoire : les requêtes échouent jusqu\'à la fin du basculement, puis les nouvelles tentatives aboutissent.',
  },
  404013: {
    title: 'Fonctionnalité non prise en charge',
    cause: 'La fonctionnalité demandée n\'est pas prise en charge pour ce hub, son niveau tarifaire ou sa région.',
    actions: ['Vérifiez la disponibilité de la fonctionnalité pour le niveau et la région du hub.', 'Utilisez un hub où elle est disponible, ou renoncez-y.'],
  },
  404014: {
    title: 'Composant de jumeau numérique introuvable',
    cause: 'La requête fait référence à une interface ou à un composant que le jumeau numérique de l\'appareil ne possède pas.',
    actions: ['Vérifiez le nom du composant par rapport au modèle de l\'appareil.', 'Vérifiez que l\'appareil a annoncé le model id attendu à la connexion.'],
  },
  404015: {
    title: 'Conteneur de stockage introuvable',
    cause: 'Les journaux de ressources indiquent que le conteneur de stockage utilisé pour le routage ou le chargement de fichiers n\'existe pas.',
    actions: [
      'Vérifiez le nom du conteneur dans le point de terminaison de stockage ou le paramètre de chargement de fichiers.',
      'Créez le conteneur, ou faites pointer le paramètre vers un conteneur existant.',
    ],
  },
  404101: {
    title: 'Magasin de requêtes introuvable',
    cause: 'Le service n\'a pas trouvé le magasin interne qui répond aux requêtes de ce hub. Côté service et rare.',
    actions: ['Relancez la requête plus tard.', SUPPORT_IF_PERSISTS],
  },
  404102: {
    title: 'Appareil hors ligne (documenté sous 404102)',
    cause: 'La documentation attribue ce numéro à DeviceNotOnline alors que les SDK utilisent 404103 ; traitez-les de la même façon. La méthode directe a échoué car l\'appareil n\'était pas connecté ou n\'avait pas enregistré son gestionnaire de méthodes.',
    actions: [
      'Vérifiez si l\'appareil est connecté (état de connexion dans le registre, événements de connexion).',
      'Assurez-vous que l\'appareil enregistre son gestionnaire de méthodes directes après s\'être connecté.',
      'Relancez la méthode plus tard.',
    ],
    transientNote: 'Souvent transitoire : l\'appel aboutit dès que l\'appareil est connecté et à l\'écoute.',
  },
  404103: {
    title: 'Appareil hors ligne ou pas à l\'écoute des méthodes',
    cause: 'La méthode directe n\'a pas pu être remise : l\'appareil n\'est pas connecté, ou il l\'est mais n\'a pas enregistré de gestionnaire de méthodes directes (en MQTT, pas abonné au topic des méthodes). Côté appareil, pas une panne du hub.',
    actions: [
      'Vérifiez si l\'appareil est connecté en ce moment (état de connexion dans le registre, événements de connexion).',
      'Assurez-vous que le code de l\'appareil enregistre son gestionnaire de méthodes à chaque connexion et reconnexion.',
      'Réessayez plus tard, ou allongez le délai de connexion de l\'appel pour que le hub attende l\'appareil.',
    ],
    transientNote: 'Transitoire du point de vue du hub : réessayez quand l\'appareil est de nouveau en ligne.',
  },
  404104: {
    title: 'Connexion de l\'appareil fermée sans déconnexion propre',
    cause: 'L\'appareil a perdu sa connexion sans la fermer proprement. Causes habituelles : expiration du jeton SAS à intervalle régulier (avec 401003), coupure réseau plus longue que le keep-alive, réinitialisation TCP ou plantage de l\'application de l\'appareil. Si de nombreux appareils décrochent en même temps avec davantage d\'erreurs 500xxx, la cause est côté service.',
    actions: [
      'Si l\'erreur revient à intervalle régulier avec 401003 et que l\'appareil se reconnecte, c\'est le renouvellement du jeton : rien à faire.',
      'Pour un appareil isolé, testez son réseau et passez au dernier SDK ; n\'augmentez pas le keep-alive sur un réseau instable.',
      'Si de nombreux appareils se déconnectent ensemble, traitez-la comme une erreur 500xxx et consultez Resource Health pour le hub.',
    ],
    transientNote: 'Généralement transitoire : les SDK se reconnectent d\'eux-mêmes.',
  },
  404301: {
    title: 'Configuration introuvable',
    cause: 'La configuration automatique d\'appareils ou IoT Edge désignée par la requête n\'existe pas sur ce hub.',
    actions: ['Vérifiez l\'identifiant de la configuration, sensible à la casse.', 'Listez les configurations du hub pour trouver la bonne.'],
  },
  404302: {
    title: 'Groupe introuvable',
    cause: `Le groupe désigné par la requête n'existe pas sur ce hub. ${RARE}`,
    actions: ['Vérifiez l\'identifiant de groupe de la requête.', SUPPORT_IF_PERSISTS],
  },
  404401: {
    title: 'Modèle d\'appareil introuvable',
    cause: 'Le hub n\'a pas trouvé le modèle de jumeau numérique (model id DTDL) auquel la requête fait référence.',
    actions: [
      'Vérifiez l\'orthographe et le numéro de version du model id annoncé par l\'appareil.',
      'Assurez-vous que le modèle est publié là où votre solution résout les modèles.',
    ],
  },
  404402: {
    title: 'Modèle d\'interface introuvable',
    cause: 'Le modèle associé à un nom d\'interface utilisé dans la requête est introuvable.',
    actions: ['Vérifiez les noms d\'interfaces et les model id utilisés par l\'appareil.', 'Publiez ou corrigez le modèle, puis réessayez.'],
  },
  405000: {
    title: 'Méthode HTTP non autorisée',
    cause: 'Le point de terminaison n\'accepte pas la méthode HTTP utilisée, par exemple un POST là où un PUT est attendu. Côté appelant.',
    actions: ['Vérifiez la méthode HTTP dans la référence REST d\'IoT Hub pour ce chemin.', NO_BLIND_RETRY],
  },
  405102: {
    title: 'Opération interdite dans l\'état actuel',
    cause: 'La ressource est dans un état où cette opération n\'est pas permise, par exemple un job déjà terminé.',
    actions: [
      'Consultez l\'état actuel de l\'appareil, du job ou de la ressource.',
      'Attendez l\'état requis par l\'opération, ou choisissez une opération adaptée à l\'état actuel.',
    ],
  },
  405103: {
    title: 'Import d\'appareils non pris en charge',
    cause: 'L\'import d\'appareils n\'est pas pris en charge pour ce hub ou cette requête.',
    actions: ['Vérifiez les paramètres du job d\'import ainsi que le niveau tarifaire et la configuration du hub.', SUPPORT_IF_PERSISTS],
  },
  405104: {
    title: 'Création d\'appareils en masse non prise en charge',
    cause: 'L\'ajout d\'appareils en masse n\'est pas pris en charge pour ce hub ou cette requête.',
    actions: ['Vérifiez la requête en masse et les paramètres du hub.', 'Créez les appareils avec un job d\'import ou un par un.'],
  },
  408000: {
    title: 'Délai dépassé dans le SDK client',
    cause: 'Le SDK a cessé d\'attendre la réponse du hub. Ce code est défini par le SDK .NET pour un délai dépassé côté client ; le hub lui-même ne le renvoie pas.',
    actions: [
      'Réessayez l\'opération avec un backoff.',
      'Si cela arrive souvent, vérifiez le réseau entre le client et le hub, ainsi que Resource Health pour le hub.',
      'N\'augmentez le délai de l\'opération que si elle est légitimement lente.',
    ],
    transientNote: note('Transitoire : une nouvelle tentative aboutit généralement.', 408),
  },
  409000: {
    title: 'Conflit avec l\'état actuel',
    cause: 'La requête entre en conflit avec l\'état actuel de la ressource, par exemple parce qu\'elle existe déjà ou qu\'elle est en cours de modification. Côté appelant.',
    actions: ['Consultez l\'état actuel de la ressource.', 'Adaptez la requête (autre identifiant, ou mise à jour plutôt que création) et réessayez.'],
  },
  409001: {
    title: 'Identifiant d\'appareil déjà inscrit',
    cause: 'Un appareil portant cet identifiant est déjà inscrit sur le hub : il ne peut pas être créé une seconde fois. Côté appelant.',
    actions: [
      'Utilisez un autre identifiant, ou récupérez l\'appareil existant et mettez-le à jour.',
      'Si votre code de provisionnement crée les appareils, faites-lui traiter « existe déjà » comme un succès ou utilisez une création-ou-mise-à-jour.',
    ],
  },
  409002: {
    title: 'Seconde connexion ouverte pour le même client',
    cause: 'Le hub a vu une nouvelle connexion pour un client encore connecté et a fermé l\'ancienne. C\'est en général la conséquence d\'une coupure antérieure (comme 404104), quand l\'appareil se reconnecte avant que le hub ne l\'ait remarquée ; parfois, c\'est le code de l\'appareil qui ouvre une seconde connexion. AMQP et MQTT uniquement.',
    actions: [
      'Cherchez dans les journaux la déconnexion juste avant, par exemple 404104, et traitez-la d\'abord.',
      'Faites ouvrir une nouvelle connexion par l\'appareil seulement une fois l\'ancienne disparue.',
      'Vérifiez qu\'aucune seconde instance n\'utilise la même identité.',
    ],
    transientNote: 'Souvent transitoire juste après une reconnexion ; des conflits répétés désignent le code de l\'appareil.',
  },
  409003: {
    title: 'Conflit d\'abonnement de rappel',
    cause: 'Le client a tenté d\'abonner un rappel (par exemple pour les méthodes ou les mises à jour de jumeau) d\'une façon qui entre en conflit avec un abonnement existant.',
    actions: ['Enregistrez chaque rappel une seule fois par connexion.', 'Vérifiez la version du SDK et la façon dont l\'application installe ses gestionnaires.'],
  },
  409101: {
    title: 'Le modèle existe déjà',
    cause: 'Un modèle portant cet identifiant existe déjà.',
    actions: ['Utilisez un nouvel identifiant ou une nouvelle version de modèle.', 'Réutilisez le modèle existant s\'il est identique.'],
  },
  409102: {
    title: 'Appareil verrouillé par une autre opération',
    cause: 'L\'identité de l\'appareil est verrouillée par une autre opération en cours : le hub ne peut pas la modifier pour l\'instant.',
    actions: ['Patientez un instant puis réessayez.', 'Vérifiez si un job ou une opération en masse traite l\'appareil.'],
    transientNote: 'Se résout généralement dès que l\'autre opération se termine.',
  },
  409103: {
    title: 'Le job d\'appareil existe déjà',
    cause: 'Un job portant cet identifiant existe déjà pour l\'appareil.',
    actions: ['Utilisez un nouvel identifiant de job, unique.'],
  },
  409104: {
    title: 'Identifiant de job déjà utilisé',
    cause: 'Un job portant cet identifiant existe déjà sur le hub.',
    actions: ['Utilisez un identifiant nouveau et unique pour chaque job.', 'Pour suivre le job précédent, interrogez-le par son identifiant.'],
  },
  409301: {
    title: 'Le module existe déjà sur l\'appareil',
    cause: 'L\'appareil possède déjà un module portant cet identifiant.',
    actions: ['Utilisez un autre identifiant de module, ou mettez à jour le module existant.', 'Supprimez d\'abord le module existant s\'il doit être recréé.'],
  },
  409401: {
    title: 'Identifiant de configuration déjà utilisé',
    cause: 'Une configuration automatique portant cet identifiant existe déjà.',
    actions: ['Utilisez un nouvel identifiant de configuration.', 'Pour modifier l\'existante, mettez-la à jour ; un changement de contenu exige une nouvelle configuration.'],
  },
  409402: {
    title: 'Configuration déjà en cours d\'application',
    cause: 'Une configuration est encore en cours d\'application sur cet appareil : une autre ne peut pas encore démarrer.',
    actions: ['Attendez la fin de l\'application en cours, puis réessayez.'],
    transientNote: 'Transitoire : réessayez après une courte attente.',
  },
  409501: {
    title: 'Le modèle de jumeau numérique existe déjà',
    cause: 'Un modèle de jumeau numérique portant cet identifiant existe déjà.',
    actions: ['Utilisez un nouvel identifiant ou un nouveau numéro de version de modèle.'],
  },
  409502: {
    title: 'Identifiant pris par un autre type de modèle',
    cause: 'Un modèle portant cet identifiant existe déjà, mais avec un type de modèle différent.',
    actions: ['Vérifiez le type et l\'identifiant du modèle.', 'Utilisez un identifiant distinct pour chaque modèle.'],
  },
  409503: {
    title: 'Le modèle de ce nom d\'interface existe déjà',
    cause: 'Un modèle existe déjà pour ce nom d\'interface.',
    actions: ['Utilisez un autre nom d\'interface, ou réutilisez le modèle existant.'],
  },
  412000: {
    title: 'Échec de la condition préalable',
    cause: 'Une condition attachée à la requête, généralement un ETag dans If-Match, n\'était pas remplie.',
    actions: ['Relisez la ressource pour obtenir son état et son ETag actuels.', 'Réessayez avec l\'ETag actuel.'],
  },
  412001: {
    title: 'ETag obsolète : la ressource a changé entre-temps',
    cause: 'L\'ETag If-Match envoyé avec la mise à jour n\'est plus le bon, en général parce qu\'un autre rédacteur a modifié le jumeau ou l\'appareil entre votre lecture et votre écriture.',
    actions: [
      'Relisez la ressource pour obtenir son ETag actuel.',
      'Réappliquez votre modification et réessayez avec cet ETag.',
      'N\'utilisez l\'ETag générique que s\'il est acceptable d\'écraser les modifications des autres.',
    ],
  },
  412002: {
    title: 'Verrou du message cloud-vers-appareil perdu',
    cause: 'L\'appareil a tenté de valider, rejeter ou abandonner un message cloud-vers-appareil après l\'expiration de son verrou ; ce verrou dure une minute, n\'est pas modifiable et se perd aussi lors d\'une reconnexion. Le message retourne dans la file et sera remis de nouveau.',
    actions: [
      'Validez chaque message dans la minute qui suit sa réception.',
      'Rendez le traitement des messages idempotent, car le même message peut arriver deux fois.',
      'Sortez les traitements longs du gestionnaire de réception.',
    ],
  },
  412003: {
    title: 'Le job ne peut pas s\'exécuter dans son état actuel',
    cause: 'La condition préalable à l\'exécution du job n\'est pas remplie, par exemple parce qu\'il est déjà en cours, terminé ou annulé.',
    actions: ['Vérifiez l\'état du job.', 'Lancez un nouveau job s\'il est encore nécessaire.'],
  },
  412004: {
    title: 'Messages encore en transit sur le lien',
    cause: 'L\'opération n\'a pas pu se poursuivre car des messages sont encore en transit sur le lien AMQP.',
    actions: ['Laissez les messages en transit aboutir, puis réessayez.', 'Vérifiez l\'état du lien dans les journaux du client.'],
    transientNote: 'Se résout souvent dès que les messages en attente sont réglés.',
  },
  413000: {
    title: 'Requête trop volumineuse',
    cause: 'Le corps de la requête dépasse la taille acceptée par le hub pour cette opération.',
    actions: ['Réduisez la taille de la requête.', 'Découpez les contenus volumineux en plusieurs requêtes.'],
  },
  413001: {
    title: 'Message trop volumineux',
    cause: 'Le message dépasse la taille permise par le hub : 256 Ko en appareil-vers-cloud, 64 Ko en cloud-vers-appareil et 128 Ko pour le contenu d\'une méthode directe.',
    actions: [
      'Réduisez le contenu : compressez-le, supprimez des champs ou répartissez-le sur plusieurs messages.',
      'Pour les données volumineuses, utilisez le chargement de fichiers plutôt que des messages.',
      'N\'oubliez pas que les propriétés du message comptent aussi dans la taille.',
    ],
  },
  413002: {
    title: 'Trop d\'appareils dans une requête en masse',
    cause: 'La requête de registre en masse contient plus d\'appareils qu\'un seul appel ne le permet.',
    actions: ['Découpez la requête en lots de 100 appareils au plus.', 'Envoyez les lots l\'un après l\'autre.'],
  },
  413003: {
    title: 'Trop de modules sur l\'appareil',
    cause: `L'appareil compte plus de modules que le hub ne le permet. ${OBSOLETE}`,
    actions: ['Supprimez les modules dont l\'appareil ne se sert plus.'],
  },
  413101: {
    title: 'Trop de configurations sur le hub',
    cause: 'Le hub a atteint sa limite de configurations automatiques : 100 sur les niveaux payants, 20 sur le niveau gratuit.',
    actions: ['Supprimez les configurations qui ne servent plus.', 'Fusionnez les configurations qui ciblent les mêmes appareils.'],
  },
  413201: {
    title: 'Trop de modèles de jumeau numérique',
    cause: 'Le nombre de modèles de jumeau numérique dépasse la limite du hub.',
    actions: ['Supprimez les modèles inutilisés ou regroupez leurs versions.'],
  },
  413202: {
    title: 'Trop de modèles de noms d\'interfaces',
    cause: 'Le nombre de modèles utilisés pour la compression des noms d\'interfaces dépasse la limite.',
    actions: ['Réduisez le nombre de modèles d\'interface distincts utilisés par les appareils.'],
  },
  415000: {
    title: 'Type de média non pris en charge',
    cause: 'Le Content-Type de la requête ne fait pas partie de ceux qu\'accepte le point de terminaison.',
    actions: ['Envoyez la requête avec le Content-Type attendu, généralement application/json.', 'Vérifiez que l\'encodage du corps correspond à l\'en-tête.'],
  },
  415101: {
    title: 'Type de données incompatible',
    cause: 'Une valeur de la requête a un type de données qui ne correspond pas à ce qu\'attend la cible.',
    actions: ['Vérifiez le type de chaque valeur (nombre, chaîne, booléen) par rapport au schéma ou au modèle.', 'Corrigez la sérialisation et réessayez.'],
  },
  429000: throttled('Trop de requêtes', 'Le hub limite cet appelant car les requêtes arrivent plus vite que permis.', [
    BACK_OFF,
    'Comparez le débit des opérations avec les limites de limitation du niveau tarifaire du hub.',
    SCALE_UP,
  ]),
  429001: throttled(
    'Limitation : trafic au-dessus du seuil trop longtemps',
    'Le hub a gardé trop longtemps en file d\'attente les requêtes dépassant son seuil, et la file a débordé : il a rejeté des requêtes. C\'est la seule erreur de limitation qui dispose de sa propre métrique, « Number of throttling errors ».',
    [
      'Ralentissez : les SDK appareil .NET, Node et Java réessaient par défaut les erreurs de limitation (Node avec un délai plus long).',
      'Comparez la métrique « Telemetry message send attempts » avec les limites du niveau tarifaire.',
      SCALE_UP,
      'Étalez les envois et les reconnexions des appareils avec de la gigue.',
    ],
  ),
  429002: throttled(
    'File de limitation pleine : appareil déconnecté',
    'Les requêtes retenues par la limitation ont dépassé la capacité de la file d\'attente, et le hub déconnecte alors l\'appareil de sa propre initiative.',
    [BACK_OFF, 'Réduisez le débit de requêtes des appareils concernés.', SCALE_UP],
  ),
  429003: throttled(
    'Requêtes limitées expirées dans la file d\'attente',
    'Des requêtes ont attendu trop longtemps dans la file de limitation et ont expiré ; le message du service demande en général d\'attendre une dizaine de secondes. Les anciens SDK .NET utilisaient ce numéro pour un paramètre de limitation invalide.',
    ['Attendez une dizaine de secondes, puis réessayez avec un backoff.', 'Réduisez le débit de requêtes.', SCALE_UP],
  ),
  429004: throttled('Trop de jobs actifs', 'Le hub a atteint son nombre maximal de jobs actifs.', [
    'Attendez la fin des jobs en cours avant d\'en lancer de nouveaux.',
    'Lancez moins de jobs en parallèle.',
  ]),
  429005: throttled(
    'Limite de débit par appareil dépassée',
    'Un appareil envoie des requêtes plus vite que la limite par appareil ; les autres appareils ne sont pas concernés.',
    [
      'Réduisez le débit de requêtes de cet appareil : télémétrie groupée, moins de mises à jour de jumeau.',
      'Vérifiez que l\'appareil n\'est pas coincé dans une boucle de tentatives sans backoff.',
    ],
  ),
  499000: {
    title: 'Le client a fermé la requête',
    cause: 'L\'appelant a fermé la connexion avant la réponse du hub, par exemple après un délai client trop court ou une annulation. Le hub a pu traiter la requête malgré tout.',
    actions: ['Réessayez plus tard, en vous assurant que répéter l\'opération est sans risque.', 'Vérifiez les délais et annulations côté client.'],
    transientNote: 'Généralement transitoire.',
  },
  500000: serviceFault(
    'Erreur interne générique du service IoT Hub',
    'Le hub a journalisé une erreur interne du serveur sans code plus précis. C\'est une défaillance côté service, très probablement passagère.',
    500,
  ),
  500001: serviceFault(
    'Erreur interne du service IoT Hub',
    'IoT Hub a échoué de son côté en traitant la requête, très probablement à cause d\'une défaillance passagère sur une partie de ses nœuds. La requête elle-même n\'est pas en cause.',
    500,
  ),
  500002: {
    title: 'Job annulé',
    cause: `Le job a été annulé avant la fin. ${OBSOLETE}`,
    actions: ['Vérifiez qui ou quoi a annulé le job.', 'Relancez le job s\'il est encore nécessaire.'],
  },
  500007: {
    title: 'Délai dépassé sur Azure Storage',
    cause: 'Le hub a dépassé son délai en écrivant dans Azure Storage pour le routage ou le chargement de fichiers. Le retard vient du stockage et il est généralement passager.',
    actions: [
      'Réessayez l\'opération avec un backoff.',
      'Consultez Resource Health pour le compte de stockage et pour le hub.',
      'Si le problème persiste, examinez les métriques de limitation et de latence du compte de stockage.',
    ],
    transientNote: 'Transitoire : les nouvelles tentatives aboutissent généralement dès que le stockage répond de nouveau.',
  },
  500008: serviceFault(
    'Délai dépassé par IoT Hub en traitant la requête',
    'Le hub n\'a pas pu terminer la requête, souvent une demande de connexion, avant son propre délai. Côté service et très probablement transitoire.',
    500,
  ),
  500009: {
    title: 'Erreur interne lors de l\'application de la limitation',
    cause: `Le service a rencontré un problème interne en appliquant la limitation ; les anciens SDK utilisaient 429003 pour ce cas. ${OBSOLETE}`,
    actions: ['Réessayez avec un backoff.', 'Si le problème persiste, consultez Resource Health pour le hub.'],
    transientNote: note('Transitoire, côté service.', 500),
  },
  500301: {
    title: 'Erreur du point de terminaison du dépôt de modèles',
    cause: 'Le hub n\'a pas pu utiliser le point de terminaison du dépôt de modèles pour résoudre un modèle d\'appareil.',
    actions: ['Réessayez plus tard.', 'Vérifiez le point de terminaison de dépôt de modèles configuré par votre solution, le cas échéant.', SUPPORT_IF_PERSISTS],
    transientNote: 'Peut être transitoire : réessayez une fois avant de creuser.',
  },
  500302: {
    title: 'Erreur interne de résolution',
    cause: 'Le hub a échoué lors d\'une étape interne de résolution en traitant la requête. Côté service, très probablement transitoire.',
    actions: [
      'Réessayez plus tard avec un backoff.',
      'Si le problème persiste, consultez Resource Health pour le hub et contactez le support Azure avec l\'identifiant de suivi.',
    ],
    transientNote: note('Transitoire, côté service.', 500),
  },
  500401: identityInternal(
    'Identifiants de l\'identité managée inaccessibles au hub',
    'Le hub n\'a pas réussi à obtenir les informations d\'identification de son identité managée.',
    'Vérifiez que l\'identité managée du hub est activée et que le point de terminaison désigne la bonne.',
  ),
  500402: identityInternal(
    'Le hub ne parvient pas à lire les infos de son locataire',
    'Le hub n\'a pas réussi à lire les informations du locataire Microsoft Entra dont dépend son identité managée.',
    'Vérifiez les paramètres d\'identité du hub, et si l\'abonnement a changé de locataire.',
  ),
  500403: identityInternal(
    'Le hub ne parvient pas à partager son identité',
    'Le hub n\'a pas réussi à partager son identité managée avec le composant qui en a besoin.',
    'Vérifiez la configuration de l\'identité sur le hub et sur le point de terminaison.',
  ),
  500501: pnpInternal('Plug and Play : infos de découverte non développées', 'développant les informations de découverte'),
  500502: pnpInternal('Plug and Play : infos de composant non développées', 'développant les informations de composant'),
  500503: pnpInternal('Plug and Play : infos de composant non compressées', 'compressant les informations de composant'),
  500504: pnpInternal('Plug and Play : infos de découverte non compressées', 'compressant les informations de découverte'),
  500505: pnpInternal('Plug and Play : document de découverte orphelin', 'traitant un document de découverte qui n\'est plus rattaché à un appareil'),
  502000: {
    title: 'Passerelle incorrecte',
    cause: 'Un composant sur le chemin de la requête a renvoyé une réponse invalide. Pour les méthodes directes, le SDK service Node signale un 502 comme une réponse incorrecte de l\'appareil.',
    actions: [
      'Réessayez plus tard avec un backoff.',
      'Pour une méthode directe, vérifiez que le gestionnaire de l\'appareil renvoie un contenu JSON et un statut valides.',
      'Si le problème persiste, consultez Resource Health pour le hub.',
    ],
    transientNote: note('Généralement transitoire.', 502),
  },
  503000: serviceFault(
    'Service IoT Hub indisponible',
    'Le service n\'a pas pu prendre la requête à ce moment-là, sans code plus précis. Côté service et généralement de courte durée.',
    503,
  ),
  503001: serviceFault(
    'IoT Hub momentanément incapable de traiter les requêtes',
    'Le hub ne pouvait pas traiter la requête à ce moment-là ; les clients MQTT le voient comme un refus de connexion « Server unavailable » et les clients AMQP comme un détachement pour serveur occupé. Côté service et transitoire.',
    503,
  ),
  503003: serviceFault(
    'Partition interne introuvable',
    'Un composant interne d\'IoT Hub (une partition) est introuvable pendant le traitement de la requête. Côté service et très probablement transitoire ; traitez-la comme une erreur 500xxx.',
    503,
  ),
  503004: serviceFault(
    'Échec de l\'activation du hub IoT',
    'Le service n\'a pas réussi à activer le hub, qui ne peut pas encore traiter de requêtes.',
    503,
    'Vérifiez l\'état et l\'état de provisionnement du hub dans le portail, puis réessayez avec un backoff.',
  ),
  503005: serviceFault(
    'Serveur IoT Hub occupé',
    'Le service est trop occupé pour prendre la requête en ce moment. Côté service et transitoire.',
    503,
  ),
  503006: serviceFault(
    'Restauration du hub IoT en cours',
    'Le hub est en cours de restauration et ne peut pas traiter de requêtes avant la fin de celle-ci.',
    503,
    'Attendez la fin de la restauration, puis laissez les clients réessayer avec un backoff.',
  ),
  503008: serviceFault(
    'Ouvertures de liens de réception limitées',
    'Le hub limite la vitesse à laquelle les clients ouvrent des liens de réception et a demandé à celui-ci de réessayer. Côté service et transitoire.',
    503,
    'Réessayez avec un backoff, et évitez d\'ouvrir et de fermer des liens de réception en boucle.',
  ),
  503101: serviceFault(
    'Connexion indisponible côté service',
    'La connexion nécessaire à la requête n\'était pas disponible côté service. Généralement transitoire.',
    503,
    'Laissez le client se reconnecter avec un backoff, et vérifiez la connectivité de l\'appareil si lui seul est touché.',
  ),
  503102: serviceFault(
    'Appareil momentanément indisponible',
    'Le hub n\'a pas pu accéder à l\'état de l\'appareil nécessaire à cette requête. Généralement transitoire.',
    503,
    'Réessayez avec un backoff, et vérifiez l\'état de connexion de l\'appareil dans le registre.',
  ),
  503201: serviceFault(
    'Configuration momentanément indisponible',
    'La configuration automatique nécessaire à la requête n\'est pas disponible pour l\'instant.',
    503,
    'Vérifiez que la configuration existe, puis réessayez avec un backoff.',
  ),
  503202: serviceFault(
    'Groupe momentanément indisponible',
    'Le groupe nécessaire à la requête n\'est pas disponible pour l\'instant.',
    503,
    'Vérifiez l\'identifiant du groupe, puis réessayez avec un backoff.',
  ),
  503301: serviceFault(
    'Service d\'hébergement IoT Hub indisponible',
    'Un service d\'hébergement interne dont dépend le hub n\'est pas disponible. Côté service et transitoire.',
    503,
  ),
  504000: {
    title: 'Délai de passerelle dépassé',
    cause: 'Un composant sur le chemin de la requête a dépassé son délai d\'attente de réponse. Généralement transitoire, côté service ou côté appareil.',
    actions: [
      'Réessayez plus tard avec un backoff, si l\'opération peut être répétée sans risque.',
      'Si le problème persiste ou touche de nombreux appelants, consultez Resource Health pour le hub.',
    ],
    transientNote: note('Généralement transitoire.', 504),
  },
  504101: {
    title: 'Méthode directe expirée en attendant l\'appareil',
    cause: 'Le hub n\'a pas pu confirmer que la méthode directe s\'était terminée avant le délai : l\'appareil a été lent ou n\'a pas répondu dans le délai de réponse de l\'appel. Avec les SDK .NET antérieurs à 1.19.0, un lien AMQP coupé silencieusement pouvait aussi en être la cause.',
    actions: [
      'Relancez l\'appel si la méthode peut être exécutée deux fois sans risque.',
      'Mesurez la durée du gestionnaire de l\'appareil et réglez le délai de réponse (5 à 300 s) au-dessus.',
      'Mettez à jour le SDK appareil .NET s\'il est antérieur à 1.19.0.',
      'Si de nombreux appareils expirent en même temps, consultez Resource Health pour le hub.',
    ],
    transientNote: note('Transitoire.', 504),
  },
};

export const fr: ErrorTextCatalog = frenchTexts(texts);
