// The shape of an inbound activity, checked before botbuilder sees it: the fields the SDK and our handlers
// read must have the Bot Framework types when present (a number as `text`, a string as `attachments`, a
// `locale` object…). Such an activity never comes from Teams; it is refused with 400 and a message naming the
// field, instead of failing somewhere inside the turn. Unknown fields and absent optional fields are fine.
// Invoke values are not checked here: each invoke handler answers a malformed value itself (Teams expects
// HTTP 200 with a refusal for card actions).

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isBoolean: Check = (value) => typeof value === 'boolean';
const isObject: Check = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const arrayOf =
  (item: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(item);

/** Checks each listed field when present; returns the path of the first one of the wrong type. */
function wrongField(record: Record<string, unknown>, checks: Readonly<Record<string, Check>>, path: string): string | null {
  for (const [field, check] of Object.entries(checks)) {
    const value = record[field];
    if (value !== undefined && value !== null && !check(value)) return `${path}${field}`;
  }
  return null;
}

const ACCOUNT_FIELDS: Readonly<Record<string, Check>> = { id: isString, name: isString, aadObjectId: isString, role: isString };

const account: Check = (value) => isObject(value) && wrongField(value as Record<string, unknown>, ACCOUNT_FIELDS, '') === null;

const attachment: Check = (value) => isObject(value) && wrongField(value as Record<string, unknown>, { contentType: isString, name: isString }, '') === null;

const entity: Check = (value) => isObject(value) && wrongField(value as Record<string, unknown>, { type: isString, text: isString, mentioned: account }, '') === null;

const ACTIVITY_FIELDS: Readonly<Record<string, Check>> = {
  id: isString,
  name: isString,
  text: isString,
  textFormat: isString,
  locale: isString,
  replyToId: isString,
  channelId: isString,
  timestamp: isString,
  localTimestamp: isString,
  from: account,
  recipient: account,
  conversation: isObject,
  channelData: isObject,
  attachments: arrayOf(attachment),
  entities: arrayOf(entity),
  membersAdded: arrayOf(account),
  membersRemoved: arrayOf(account),
  reactionsAdded: arrayOf(isObject),
  reactionsRemoved: arrayOf(isObject),
};

const CONVERSATION_FIELDS: Readonly<Record<string, Check>> = {
  id: isString,
  name: isString,
  conversationType: isString,
  tenantId: isString,
  isGroup: isBoolean,
};

/** Null when the activity is well-formed enough to process, else what is wrong with it (names a field, quotes no value). */
export function activityShapeProblem(activity: Readonly<Record<string, unknown>>): string | null {
  const field = wrongField(activity, ACTIVITY_FIELDS, '');
  if (field !== null) return `The activity field '${field}' has the wrong type.`;
  const conversation = activity.conversation;
  if (isObject(conversation)) {
    const inner = wrongField(conversation as Record<string, unknown>, CONVERSATION_FIELDS, 'conversation.');
    if (inner !== null) return `The activity field '${inner}' has the wrong type.`;
  }
  if (activity.type === 'invoke' && (typeof activity.name !== 'string' || activity.name === '')) return 'An invoke activity needs a name.';
  return null;
}
