// Textes français pour les constats sans code à 6 chiffres : une classe HTTP seule, ou une panne qui
// ne vient pas d'IoT Hub.

import type { NotIotHubKind } from './kinds.ts';
import { frenchTexts } from './typography.ts';
import { sdkRetryNote } from './sdk-retry.ts';

const NO_CODE = 'Aucun code IoT Hub à 6 chiffres n\'a été trouvé dans le texte collé : ce diagnostic repose sur le seul statut HTTP.';
const PASTE_MORE = 'Collez l\'erreur complète, avec le code à 6 chiffres, l\'identifiant de suivi (tracking id) et le message, pour un diagnostic précis.';

function note(first: string, httpStatus: number): string {
  const sdk = sdkRetryNote('fr', httpStatus);
  return sdk === undefined ? first : `${first} ${sdk}`;
}

export const httpClassesFr = frenchTexts<number>({
  400: {
    title: 'Requête incorrecte (HTTP 400)',
    cause: `Le hub a rejeté la requête comme invalide : la correction porte sur ce que l'appelant a envoyé. ${NO_CODE}`,
    actions: [
      'Cherchez dans l\'erreur complète un message qui nomme le champ ou la valeur en cause.',
      'Vérifiez le corps, les paramètres et la version d\'API de la requête.',
      PASTE_MORE,
    ],
  },
  401: {
    title: 'Non autorisé (HTTP 401)',
    cause: `Le hub n'a pas accepté les informations d'identification de l'appelant : jeton SAS expiré ou mal signé, mauvaise clé, certificat révoqué ou horloge décalée. Un refus de connexion MQTT « not authorized » relève aussi de cette classe. ${NO_CODE}`,
    actions: [
      'Vérifiez la chaîne de connexion, le jeton SAS ou le certificat utilisé par le client, et sa date d\'expiration.',
      'Vérifiez l\'horloge de l\'appareil et synchronisez-la avec NTP.',
      'Si l\'erreur revient environ une fois par heure et que le client se reconnecte, c\'est le renouvellement normal du jeton SAS.',
    ],
  },
  403: {
    title: 'Interdit (HTTP 403)',
    cause: `Le hub a refusé l'opération : un quota ou une limite est atteint (messages quotidiens, profondeur de file, jobs), le hub est suspendu, ou le niveau tarifaire ou les autorisations ne le permettent pas. En HTTP, les SDK .NET v1 et Node présentent tout 403 comme une erreur de quota, quelle qu'en soit la cause réelle. ${NO_CODE}`,
    actions: [
      'Vérifiez dans le portail la consommation quotidienne de messages du hub et son état (Active ou suspendu).',
      'Vérifiez les autorisations de l\'appelant et que le niveau tarifaire du hub offre la fonctionnalité.',
      PASTE_MORE,
    ],
  },
  404: {
    title: 'Introuvable (HTTP 404)',
    cause: `La cible de la requête n'existe pas ou n'est pas joignable : appareil ou module non inscrit, appareil hors ligne pour une méthode directe, mauvais hub, ou hub en cours de basculement. En HTTP, le SDK Node présente tout 404 comme DeviceNotFoundError. ${NO_CODE}`,
    actions: [
      'Vérifiez l\'identifiant d\'appareil, l\'identifiant de module et le nom d\'hôte du hub dans la requête.',
      'Pour une méthode directe, vérifiez que l\'appareil est connecté et a enregistré son gestionnaire.',
      PASTE_MORE,
    ],
  },
  408: {
    title: 'Délai de requête dépassé (HTTP 408)',
    cause: 'La requête ne s\'est pas terminée à temps, en général un délai dépassé dans le SDK client plutôt qu\'une réponse du hub. Généralement transitoire.',
    actions: [
      'Réessayez avec un backoff exponentiel.',
      'Si de nombreux clients sont concernés, vérifiez le chemin réseau et Resource Health pour le hub.',
    ],
    transientNote: note('Transitoire.', 408),
  },
  409: {
    title: 'Conflit (HTTP 409)',
    cause: `La requête entre en conflit avec l'état actuel : la ressource existe déjà, elle est verrouillée, ou une seconde connexion a été ouverte pour le même client. ${NO_CODE}`,
    actions: [
      'Pour une création, vérifiez si l\'appareil, le module ou le job existe déjà.',
      'Pour les connexions, vérifiez que deux clients ne partagent pas la même identité.',
      PASTE_MORE,
    ],
  },
  412: {
    title: 'Échec de la condition préalable (HTTP 412)',
    cause: `Une condition de la requête n'était pas remplie : en général un ETag périmé, ou un message cloud-vers-appareil validé après l'expiration de son verrou (en HTTP, .NET v1 présente tout 412 comme DeviceMessageLockLost). ${NO_CODE}`,
    actions: [
      'Relisez la ressource et réessayez avec son ETag actuel.',
      'Pour les messages cloud-vers-appareil, validez chacun dans la minute qui suit sa réception.',
    ],
  },
  413: {
    title: 'Contenu trop volumineux (HTTP 413)',
    cause: `La requête ou le message dépasse la taille acceptée par le hub : 256 Ko en appareil-vers-cloud, 64 Ko en cloud-vers-appareil, 128 Ko pour le contenu d'une méthode directe. ${NO_CODE}`,
    actions: ['Réduisez ou découpez le contenu.', 'Utilisez le chargement de fichiers pour les données volumineuses.'],
  },
  429: {
    title: 'Limitation (HTTP 429)',
    cause: 'Le hub limite l\'appelant : les requêtes arrivent plus vite que ne le permettent le niveau tarifaire et les unités du hub. Rien n\'est cassé, et les requêtes aboutissent de nouveau dès que le débit baisse.',
    actions: [
      'Ralentissez : laissez le SDK réessayer avec son délai de limitation plutôt que de réessayer en boucle serrée.',
      'Comparez le trafic avec les limites de limitation du niveau tarifaire.',
      'Si la charge est légitime, ajoutez des unités ou passez le hub à un niveau tarifaire supérieur.',
    ],
    transientNote: note('Transitoire.', 429),
  },
  500: {
    title: 'Erreur interne du serveur (HTTP 500)',
    cause: 'IoT Hub a échoué de son côté en traitant la requête, très probablement à cause d\'une défaillance passagère sur une partie de ses nœuds. La requête n\'en est pas la cause.',
    actions: [
      'Réessayez depuis l\'appareil avec un backoff exponentiel et de la gigue (jitter), et vérifiez que votre SDK réessaie cette erreur (voir la note).',
      'Si les erreurs durent plus de quelques minutes, consultez Azure Resource Health (Intégrité des ressources) pour ce hub et la page d\'état Azure pour IoT Hub dans sa région.',
      'N\'envisagez un basculement manuel que si Resource Health indique le hub Indisponible ou Dégradé.',
      'Si cela continue, ouvrez une demande de support Azure avec l\'identifiant de suivi (tracking id) et l\'horodatage UTC des erreurs.',
    ],
    transientNote: note('Transitoire, côté service.', 500),
  },
  502: {
    title: 'Passerelle incorrecte (HTTP 502)',
    cause: 'Un composant sur le chemin de la requête a renvoyé une réponse invalide ; pour une méthode directe, l\'appareil a pu répondre quelque chose que le hub ne sait pas exploiter. Généralement transitoire.',
    actions: [
      'Réessayez plus tard avec un backoff.',
      'Pour une méthode directe, vérifiez que le gestionnaire de l\'appareil renvoie un JSON valide et un statut.',
      'Si le problème persiste, consultez Resource Health pour le hub.',
    ],
    transientNote: note('Généralement transitoire.', 502),
  },
  503: {
    title: 'Service indisponible (HTTP 503)',
    cause: 'Le hub ne pouvait pas prendre la requête à ce moment-là (serveur occupé ou indisponible) ; un refus de connexion MQTT « Server unavailable » relève aussi de cette classe. Côté service et transitoire.',
    actions: [
      'Réessayez avec un backoff exponentiel et de la gigue.',
      'Si cela dure plus de quelques minutes, consultez Azure Resource Health (Intégrité des ressources) pour ce hub et la page d\'état Azure.',
      'N\'envisagez un basculement manuel que si Resource Health indique le hub Indisponible ou Dégradé.',
      'Si cela continue, ouvrez une demande de support Azure avec l\'identifiant de suivi et l\'horodatage UTC.',
    ],
    transientNote: note('Transitoire, côté service.', 503),
  },
  504: {
    title: 'Délai de passerelle dépassé (HTTP 504)',
    cause: 'Un composant a dépassé son délai d\'attente de réponse ; pour une méthode directe, l\'appareil n\'a pas répondu dans le délai de la méthode. Généralement transitoire.',
    actions: [
      'Réessayez si l\'opération peut être répétée sans risque.',
      'Pour une méthode directe, comparez la durée du gestionnaire de l\'appareil avec le délai de réponse.',
      'Si de nombreux appelants expirent en même temps, consultez Resource Health pour le hub.',
    ],
    transientNote: note('Généralement transitoire.', 504),
  },
});

export const notIotHubFr = frenchTexts<NotIotHubKind>({
  dns: {
    title: 'Nom d\'hôte non résolu (DNS)',
    cause: 'Le client n\'a pas pu traduire le nom d\'hôte du hub en adresse (par exemple ENOTFOUND ou un échec de getaddrinfo) : il n\'a jamais atteint IoT Hub. Problème de réseau ou de configuration côté client, pas une panne du hub.',
    actions: [
      'Vérifiez qu\'il n\'y a pas de faute de frappe dans le nom d\'hôte de la chaîne de connexion.',
      'Vérifiez les serveurs DNS de l\'appareil et qu\'il résout les noms publics.',
      'Si le hub utilise des points de terminaison privés, vérifiez la zone DNS privée utilisée par l\'appareil.',
      'Si le hub a été supprimé ou renommé, mettez à jour la chaîne de connexion.',
    ],
  },
  'connection-refused': {
    title: 'Connexion refusée',
    cause: 'La cible a activement refusé la connexion TCP (ECONNREFUSED). Cela indique en général un mauvais hôte ou port, un proxy ou un pare-feu sur le chemin, ou une passerelle locale arrêtée ; cela vient rarement d\'IoT Hub lui-même.',
    actions: [
      'Vérifiez l\'hôte et le port : 8883 pour MQTT, 5671 pour AMQP, 443 pour HTTPS et WebSockets.',
      'Vérifiez que les pare-feu et proxys autorisent le trafic sortant vers ces ports.',
      'Si la cible est locale (IoT Edge ou une passerelle), vérifiez que le service tourne.',
    ],
  },
  'connection-reset': {
    title: 'Connexion réinitialisée',
    cause: 'La connexion TCP a été coupée brutalement (ECONNRESET, socket hang up) par le réseau, un proxy, un pare-feu ou le pair. Ce n\'est généralement pas une panne du hub, et les SDK se reconnectent.',
    actions: [
      'Laissez le SDK se reconnecter, et vérifiez qu\'il le fait avec un backoff.',
      'Si les coupures sont fréquentes, cherchez un proxy, un NAT ou un pare-feu qui ferme les connexions inactives, et comparez son délai avec le keep-alive.',
      'Si de nombreux appareils sont coupés au même moment, consultez Resource Health pour le hub.',
    ],
  },
  tls: {
    title: 'Échec de la négociation TLS ou du certificat',
    cause: 'La connexion sécurisée a échoué pendant la négociation TLS : certificat non approuvé ou expiré, nom d\'hôte non concordant, version de TLS non prise en charge, ou proxy qui inspecte le trafic. Côté client ou réseau.',
    actions: [
      'Vérifiez que l\'appareil fait confiance aux certificats racine utilisés par IoT Hub (DigiCert Global Root G2 depuis la migration de 2023).',
      'Vérifiez la date et l\'heure de l\'appareil : une horloge fausse fait paraître invalides des certificats valides.',
      'Assurez-vous que TLS 1.2 est activé sur l\'appareil.',
      'Si un proxy inspecte le TLS, excluez le nom d\'hôte du hub de l\'inspection.',
    ],
  },
  'local-identity-service': {
    title: 'Service d\'identité local indisponible',
    cause: 'Le client n\'a pas pu obtenir de jeton ou de clé auprès d\'un service d\'identité local (API de charge de travail IoT Edge, Azure IoT Identity Service ou point de terminaison d\'identité managée) : il n\'a jamais atteint le hub.',
    actions: [
      'Vérifiez que le service d\'identité tourne sur l\'appareil (par exemple avec iotedge system status).',
      'Vérifiez que le socket de charge de travail ou le point de terminaison d\'identité est joignable depuis le module ou l\'application.',
      'Consultez les journaux du service d\'identité pour connaître l\'erreur sous-jacente.',
    ],
  },
  'client-size-check': {
    title: 'Message refusé par le SDK avant l\'envoi : trop gros',
    cause: 'Le SDK a refusé le message localement car il dépasse la taille maximale (par exemple 262\u00a0143 octets pour le transport MQTT .NET). Rien n\'a été envoyé au hub.',
    actions: ['Réduisez le contenu ou répartissez-le sur plusieurs messages.', 'Utilisez le chargement de fichiers pour les données volumineuses.'],
  },
  'timeout-client': {
    title: 'Délai dépassé côté client',
    cause: 'Le client a cessé d\'attendre l\'opération (délai d\'opération du SDK ou délai réseau comme ETIMEDOUT). Le hub n\'a peut-être jamais reçu la requête, ou l\'a traitée après l\'abandon du client.',
    actions: [
      'Réessayez avec un backoff, après avoir vérifié qu\'une répétition est sans risque.',
      'Vérifiez la latence et la connectivité réseau de l\'appareil vers le hub.',
      'Si de nombreux clients expirent en même temps, consultez Resource Health pour le hub.',
    ],
    transientNote: 'Généralement transitoire : les SDK réessaient par défaut après un délai dépassé.',
  },
  'generic-network': {
    title: 'Erreur réseau côté client',
    cause: 'Une erreur réseau s\'est produite entre le client et le hub avant toute réponse d\'IoT Hub. Elle désigne le réseau, le proxy ou le pare-feu de l\'appareil plutôt que le hub.',
    actions: [
      'Vérifiez que l\'appareil joint le nom d\'hôte du hub sur le port 443, 8883 ou 5671.',
      'Vérifiez les paramètres de proxy et de pare-feu.',
      'Laissez le SDK se reconnecter avec un backoff ; ne consultez Resource Health que si de nombreux appareils sont touchés.',
    ],
    transientNote: 'Souvent transitoire : les SDK se reconnectent après une erreur réseau.',
  },
});
