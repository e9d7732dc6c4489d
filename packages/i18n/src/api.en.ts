/** Strings of the API hardening work: refusals shown in the portal, and the API-keys page's authentication help. */
export const apiEn = {
  'api.errors.no_such_reference':
    'This refers to something that does not exist. Choose it again from the list.',
  'api.errors.already_taken': 'This value is already in use; choose another one.',
  'api.errors.value_out_of_range':
    'A value is out of range, too long or not valid. Check the numbers and dates and try again.',
  'api.errors.notAForm': 'This address only accepts form submissions from the page.',
  'api.errors.badForm': 'The form could not be read. Reload the page and send it again.',
  'api.keys.authTitle': 'How your system uses a key',
  'api.keys.authIntro':
    'Send the key in the Authorization header of every request, as a bearer token. Keep it on your server: anyone who has it can act for your organisation within its purposes.',
  'api.keys.headerLabel': 'The header',
  'api.keys.exampleLabel': 'Example: send one service event (a key with the purpose “Events”)',
  'api.keys.copyHeader': 'Copy the header',
  'api.keys.copyExample': 'Copy the example',
  'api.keys.docsLink': 'The API reference lists every endpoint and which purpose it needs.',
  'api.keys.checkKey':
    'To check a key, call GET /api/v1/me: it answers with the key’s organisation and purposes.',
} as const;
