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
  // Staff API keys (decision record 059): the insurer's own systems read allocations and the register.
  'api.staffKeys.nav': 'Staff API keys',
  'api.staffKeys.title': 'Staff API keys',
  'api.staffKeys.intro':
    'Keys for the insurer’s own systems: the routing system reads the incentive allocation tables, the GRC system the outsourcing register. They only read, across every partner; a partner’s key never can.',
  'api.staffKeys.name': 'Name',
  'api.staffKeys.nameHint': 'Name it after the system that will use it.',
  'api.staffKeys.nameRequired': 'Give the key a name.',
  'api.staffKeys.scopes': 'Purposes',
  'api.staffKeys.scopesRequired': 'Choose at least one purpose.',
  'api.staffKeys.scope.allocations:read':
    'Allocations (allocations:read): read the incentive allocation table of a category and quarter',
  'api.staffKeys.scope.register:read':
    'Register (register:read): read the register of outsourcing arrangements and its completeness',
  'api.staffKeys.scopeShort.allocations:read': 'Allocations',
  'api.staffKeys.scopeShort.register:read': 'Register',
  'api.staffKeys.create': 'Create the key',
  'api.staffKeys.createTitle': 'Create a staff key',
  'api.staffKeys.createdTitle': 'The new key “{name}”',
  'api.staffKeys.onceWarning':
    'Copy it now: it is shown only this once and cannot be recovered. Store it in the system’s secret store.',
  'api.staffKeys.keyLabel': 'API key',
  'api.staffKeys.list': 'Staff keys',
  'api.staffKeys.empty': 'No staff keys yet.',
  'api.staffKeys.prefix': 'Key',
  'api.staffKeys.createdAt': 'Created',
  'api.staffKeys.lastUsed': 'Last used',
  'api.staffKeys.never': 'Never',
  'api.staffKeys.active': 'Active',
  'api.staffKeys.revokedAt': 'Revoked {when}',
  'api.staffKeys.revoke': 'Revoke…',
  'api.staffKeys.revokeWarning': 'Systems using “{name}” lose access at once. This cannot be undone.',
  'api.staffKeys.revokeConfirm': 'Revoke “{name}”',
  'api.staffKeys.revoked': 'The key “{name}” is revoked.',
  'api.staffKeys.usage':
    'Send it as Authorization: Bearer <key>. GET /api/v1/incentives/allocations?category=claims&quarter=2026-Q4 (allocations:read); GET /api/v1/register/arrangements (register:read). The API reference at /api/docs lists the fields.',
} as const;
