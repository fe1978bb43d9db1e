"""The bundled profiles as the TOML parser reads them, keyed by a checksum of each.

Written by scripts/gen_profile_cache.py from profiles/*.toml: do not edit.
"""

from typing import Any

FILES: dict[str, Any] = {'cisco-secure-email-threat-defense.toml': {'key': 346650995,
                                            'data': {'id': 'cisco-secure-email-threat-defense',
                                                     'name': 'Cisco Secure Email Threat Defense',
                                                     'vendor': 'Cisco',
                                                     'aliases': ['setd',
                                                                 'etd',
                                                                 'secure-email-threat-defense'],
                                                     'vendor_domains': ['cisco.com'],
                                                     'multi_region_note': 'Instances in different '
                                                                          'regions cannot share a '
                                                                          'sign-on account: users '
                                                                          'switch between Secure '
                                                                          'Email Threat Defense '
                                                                          'instances from the user '
                                                                          'menu only within one '
                                                                          'region, so each region '
                                                                          'needs its own sign-on '
                                                                          'and must be managed on '
                                                                          'its own.',
                                                     'notes': ['Only one web console host '
                                                               '(dashboard.etd.cisco.com) is '
                                                               'listed, and which region it serves '
                                                               'is not confirmed; if your console '
                                                               'has another address, add it in a '
                                                               'profile of your own.',
                                                               'Mail-flow hosts: mx.<region> '
                                                               'receives mail (inline mode), '
                                                               'host.<region> is where Secure '
                                                               'Email Threat Defense delivers '
                                                               'from.'],
                                                     'status_page': {'url': 'https://ciscosecureemailthreatdefense.statuspage.io',
                                                                     'platform': 'statuspage',
                                                                     'confidence': 'seed'},
                                                     'sign_on': {'service': 'Cisco Security Cloud '
                                                                            'Sign On',
                                                                 'hosts': ['sign-on.security.cisco.com'],
                                                                 'microsoft_names_required': True,
                                                                 'one_address_per_user': True,
                                                                 'login_is_primary_address': True,
                                                                 'notes': ['Sign in with the '
                                                                           'address the Secure '
                                                                           'Email Threat Defense '
                                                                           'account was created '
                                                                           'with; ask your '
                                                                           'administrator which '
                                                                           'one that was.',
                                                                           'A password is reset '
                                                                           'from the Security '
                                                                           'Cloud Sign On page '
                                                                           '(Forgot password).']},
                                                     'known_hosts': [{'host': 'sign-on.security.cisco.com',
                                                                      'role': 'sign-on',
                                                                      'note': "Cisco's sign-on "
                                                                              'page serves every '
                                                                              'region; it does not '
                                                                              'tell which region '
                                                                              'an instance is in.',
                                                                      'confidence': '3rd'}],
                                                     'regions': [{'id': 'north-america',
                                                                  'name': 'North America',
                                                                  'aliases': ['us',
                                                                              'na',
                                                                              'americas',
                                                                              'amer'],
                                                                  'console_hosts': ['dashboard.etd.cisco.com'],
                                                                  'host_confidence': {'dashboard.etd.cisco.com': 'uncertain'},
                                                                  'api_hosts': ['api.us.etd.cisco.com'],
                                                                  'mail_hosts': ['mx.us.etd.cisco.com',
                                                                                 'host.us.etd.cisco.com'],
                                                                  'confidence': 'doc'},
                                                                 {'id': 'europe',
                                                                  'name': 'Europe',
                                                                  'aliases': ['eu', 'emea', 'de'],
                                                                  'api_hosts': ['api.de.etd.cisco.com'],
                                                                  'mail_hosts': ['mx.eu.etd.cisco.com',
                                                                                 'host.eu.etd.cisco.com'],
                                                                  'notes': ['The API host of this '
                                                                            "region is named 'de'; "
                                                                            'its mail-flow host is '
                                                                            "named 'eu'."],
                                                                  'confidence': 'doc'},
                                                                 {'id': 'apjc',
                                                                  'name': 'Asia Pacific, Japan and '
                                                                          'China',
                                                                  'aliases': ['apac',
                                                                              'ap',
                                                                              'asia-pacific',
                                                                              'au',
                                                                              'australia'],
                                                                  'api_hosts': ['api.au.etd.cisco.com'],
                                                                  'mail_hosts': ['mx.au.etd.cisco.com',
                                                                                 'host.au.etd.cisco.com'],
                                                                  'notes': ['Served from Australia '
                                                                            "('au' hosts); that "
                                                                            "this is the portal's "
                                                                            'APJC region is not '
                                                                            'confirmed.'],
                                                                  'confidence': 'uncertain'},
                                                                 {'id': 'india',
                                                                  'name': 'India',
                                                                  'aliases': ['in'],
                                                                  'api_hosts': ['api.in.etd.cisco.com'],
                                                                  'mail_hosts': ['mx.in.etd.cisco.com',
                                                                                 'host.in.etd.cisco.com'],
                                                                  'confidence': 'doc'},
                                                                 {'id': 'uae',
                                                                  'name': 'United Arab Emirates',
                                                                  'aliases': ['ae',
                                                                              'united-arab-emirates'],
                                                                  'api_hosts': ['api.ae.etd.cisco.com'],
                                                                  'mail_hosts': ['mx.ae.etd.cisco.com',
                                                                                 'host.ae.etd.cisco.com'],
                                                                  'confidence': 'doc'}]}},
 'cisco-secure-endpoint.toml': {'key': 4146691342,
                                'data': {'id': 'cisco-secure-endpoint',
                                         'name': 'Cisco Secure Endpoint',
                                         'vendor': 'Cisco',
                                         'aliases': ['secure-endpoint',
                                                     'amp',
                                                     'amp-for-endpoints',
                                                     'fireamp'],
                                         'vendor_domains': ['cisco.com'],
                                         'multi_region_note': 'The three Secure Endpoint '
                                                              'datacenters are separate: licences '
                                                              'split between them cannot be '
                                                              'managed as one organisation. Claim '
                                                              'every licence in one datacenter; '
                                                              'moving an organisation to another '
                                                              'datacenter is arranged through '
                                                              'Cisco Sales.',
                                         'notes': ['Older organisations sign in with Cisco '
                                                   'Security Account (CSA) credentials; newer ones '
                                                   "with SecureX Sign-On. An 'Invalid Account' "
                                                   'error after creating a SecureX Sign-On account '
                                                   'means: keep using CSA until the console asks '
                                                   'you to switch.',
                                                   'A SecureX Sign-On account can be made directly '
                                                   'or through Cisco.com or Microsoft; keep using '
                                                   'the method you chose.'],
                                         'private_cloud_note': 'Secure Endpoint Private Cloud '
                                                               "consoles live on the customer's "
                                                               'own domain (console.<your '
                                                               'domain>), not on cisco.com: '
                                                               'describe yours in a profile of '
                                                               'your own and pass --profiles-dir.',
                                         'status_page': {'url': 'https://status.amp.cisco.com',
                                                         'platform': 'statuspage',
                                                         'confidence': '3rd',
                                                         'note': 'The Statuspage "Cisco AMP" (page '
                                                                 'id p5n46sppww3j, also '
                                                                 'ciscoamp.statuspage.io), seen in '
                                                                 'public monitoring-plugin test '
                                                                 'data; its components are grouped '
                                                                 'by region ("Reputation Service '
                                                                 '(North America)", "(Europe)", '
                                                                 '"(APJC)").'},
                                         'sign_on': {'service': 'SecureX Sign-On (Cisco Security '
                                                                'Cloud Sign On) or Cisco Security '
                                                                'Account',
                                                     'hosts': ['sign-on.security.cisco.com'],
                                                     'microsoft_names_required': True,
                                                     'one_address_per_user': False,
                                                     'login_is_primary_address': False,
                                                     'activation_days': 7,
                                                     'notes': ['Activation and credentials mails '
                                                               "can land in spam, or in Outlook's "
                                                               'Other tab for Microsoft 365 '
                                                               'users.']},
                                         'known_hosts': [{'host': 'sign-on.security.cisco.com',
                                                          'role': 'sign-on',
                                                          'note': "Cisco's sign-on page serves "
                                                                  'every region; open the product '
                                                                  'tile for your region from '
                                                                  'there.',
                                                          'confidence': '3rd'},
                                                         {'host': 'ciscoamp.statuspage.io',
                                                          'role': 'status',
                                                          'note': 'Another address of the Secure '
                                                                  'Endpoint status page '
                                                                  '(status.amp.cisco.com).',
                                                          'confidence': '3rd'},
                                                         {'host': 'p5n46sppww3j.statuspage.io',
                                                          'role': 'status',
                                                          'note': 'The Statuspage id address of '
                                                                  'the Secure Endpoint status page '
                                                                  '(status.amp.cisco.com).',
                                                          'confidence': '3rd'}],
                                         'regions': [{'id': 'americas',
                                                      'name': 'Americas',
                                                      'aliases': ['us',
                                                                  'na',
                                                                  'north-america',
                                                                  'amer'],
                                                      'status_components': ['* (North America)'],
                                                      'console_hosts': ['console.amp.cisco.com'],
                                                      'api_hosts': ['api.amp.cisco.com'],
                                                      'host_confidence': {'api.amp.cisco.com': '3rd'},
                                                      'notes': ['Serves organisations in any '
                                                                'country; distance adds no latency '
                                                                'problem.'],
                                                      'confidence': 'seed'},
                                                     {'id': 'europe',
                                                      'name': 'Europe',
                                                      'aliases': ['eu', 'emea'],
                                                      'status_components': ['* (Europe)'],
                                                      'console_hosts': ['console.eu.amp.cisco.com'],
                                                      'api_hosts': ['api.eu.amp.cisco.com'],
                                                      'host_confidence': {'api.eu.amp.cisco.com': '3rd'},
                                                      'notes': ['Run to comply with EU privacy '
                                                                'law.'],
                                                      'confidence': 'seed'},
                                                     {'id': 'apjc',
                                                      'name': 'Asia Pacific, Japan and China',
                                                      'aliases': ['apac', 'ap', 'asia-pacific'],
                                                      'status_components': ['* (APJC)'],
                                                      'console_hosts': ['console.apjc.amp.cisco.com'],
                                                      'api_hosts': ['api.apjc.amp.cisco.com'],
                                                      'host_confidence': {'api.apjc.amp.cisco.com': '3rd'},
                                                      'notes': ['The only datacenter whose '
                                                                'licensing portal can be shown in '
                                                                'English, Japanese, Chinese or '
                                                                'Korean.'],
                                                      'confidence': 'seed'}],
                                         'requests': [{'id': 'cisco-glo-licensing',
                                                       'name': 'Cisco GLO licensing request',
                                                       'where': 'Support Case Manager '
                                                                '(https://mycase.cloudapps.cisco.com/case): '
                                                                'Software Licensing > Security '
                                                                'Related Licensing > '
                                                                'FireAMP/ThreatGrid (may be '
                                                                'renamed Secure Endpoint), '
                                                                'severity 3',
                                                       'severity': 3,
                                                       'follow_up_hours': 48,
                                                       'advice': ['Open a GLO case when applying a '
                                                                  'licence shows an error, or when '
                                                                  'no confirmation arrived within '
                                                                  '48 hours.',
                                                                  'No entitlement email? The order '
                                                                  'often has no email address on '
                                                                  'it: say so in the request '
                                                                  'details.'],
                                                       'fields': [{'id': 'cisco_com_id',
                                                                   'label': 'Cisco.com ID',
                                                                   'kind': 'text',
                                                                   'aliases': ['cco id',
                                                                               'cisco id',
                                                                               'cisco.com user id'],
                                                                   'advice': 'The Cisco.com user '
                                                                             'ID of the person '
                                                                             'opening the case '
                                                                             '(not an email alias '
                                                                             'of someone else).'},
                                                                  {'id': 'product_name',
                                                                   'label': 'Product Name',
                                                                   'kind': 'product',
                                                                   'aliases': ['product'],
                                                                   'choices': ['Cisco Secure '
                                                                               'Endpoint',
                                                                               'Secure Endpoint',
                                                                               'AMP for Endpoints',
                                                                               'FireAMP',
                                                                               'Cisco Secure '
                                                                               'Endpoint Private '
                                                                               'Cloud',
                                                                               'Cisco Secure '
                                                                               'Malware Analytics',
                                                                               'Threat Grid',
                                                                               'Cisco Secure Email '
                                                                               'Threat Defense'],
                                                                   'advice': 'Name the product as '
                                                                             'it appears on the '
                                                                             'order, for example '
                                                                             'Cisco Secure '
                                                                             'Endpoint.'},
                                                                  {'id': 'details',
                                                                   'label': 'Issue/Request Details',
                                                                   'kind': 'text',
                                                                   'aliases': ['issue details',
                                                                               'request details',
                                                                               'issue',
                                                                               'details',
                                                                               'description'],
                                                                   'advice': 'Say what you tried, '
                                                                             'the error shown, and '
                                                                             'the datacenter '
                                                                             '(Americas, Europe or '
                                                                             'APJC) the licence '
                                                                             'belongs in.'},
                                                                  {'id': 'web_order_id',
                                                                   'label': 'Cisco Web Order ID #',
                                                                   'kind': 'order_number',
                                                                   'aliases': ['web order id',
                                                                               'order id',
                                                                               'order number',
                                                                               'sales order',
                                                                               'sales order number',
                                                                               'so number'],
                                                                   'advice': 'The order number '
                                                                             'from the eDelivery '
                                                                             'or entitlement '
                                                                             'email, or from Cisco '
                                                                             'Commerce; digits '
                                                                             'only.'},
                                                                  {'id': 'end_customer',
                                                                   'label': 'End Customer Business '
                                                                            'Name',
                                                                   'kind': 'text',
                                                                   'aliases': ['end customer',
                                                                               'business name',
                                                                               'company',
                                                                               'company name',
                                                                               'end customer name'],
                                                                   'advice': 'The business that '
                                                                             'owns the licence, as '
                                                                             'written on the '
                                                                             'order.'},
                                                                  {'id': 'customer_name',
                                                                   'label': 'Customer Full Name',
                                                                   'kind': 'name',
                                                                   'aliases': ['full name',
                                                                               'customer name',
                                                                               'contact name',
                                                                               'name'],
                                                                   'advice': 'First and last name '
                                                                             'of the person GLO '
                                                                             'should answer.'},
                                                                  {'id': 'customer_email',
                                                                   'label': 'Customer email '
                                                                            'address',
                                                                   'kind': 'email',
                                                                   'aliases': ['email',
                                                                               'email address',
                                                                               'customer email',
                                                                               'contact email'],
                                                                   'advice': 'The address the '
                                                                             'entitlement email '
                                                                             'should go to; a '
                                                                             'missing address on '
                                                                             'the order is the '
                                                                             'usual reason none '
                                                                             'arrived.'}]}]}},
 'mimecast-secure-messaging.toml': {'key': 474531419,
                                    'data': {'id': 'mimecast-secure-messaging',
                                             'name': 'Mimecast Secure Messaging',
                                             'vendor': 'Mimecast',
                                             'aliases': ['mimecast', 'secure-messaging'],
                                             'vendor_domains': ['mimecast.com',
                                                                'mimecast.co.za',
                                                                'mimecast-offshore.com'],
                                             'multi_region_note': 'Mimecast accounts live in one '
                                                                  'region each: an address hosted '
                                                                  'in one region cannot log on '
                                                                  "through another region's URL. "
                                                                  'Use the link in the message you '
                                                                  'received, which points at the '
                                                                  'right region.',
                                             'notes': ["The logon is the recipient's primary SMTP "
                                                       'address; the first logon uses a temporary '
                                                       'password that must be changed.',
                                                       'A password reset link works once; ask for '
                                                       'a new one after a failed attempt.',
                                                       'Mimecast supports only the browsers on its '
                                                       'browser support matrix.'],
                                             'status_page': {'url': 'https://status.mimecast.com',
                                                             'platform': 'statusio',
                                                             'api_url': 'https://api.status.io/1.0/status/5d849b1c02e65b3ec45369d4',
                                                             'confidence': '3rd',
                                                             'note': 'The page appears to be '
                                                                     'hosted on Status.io; its '
                                                                     'public JSON is read through '
                                                                     'api.status.io.'},
                                             'sign_on': {'service': 'Mimecast logon (email address '
                                                                    'and password)',
                                                         'login_is_primary_address': True,
                                                         'one_address_per_user': False,
                                                         'notes': ['Reach the portal through the '
                                                                   'link in the message received: '
                                                                   'it carries the right regional '
                                                                   'URL.']},
                                             'known_hosts': [{'host': 'login.mimecast.com',
                                                              'role': 'console',
                                                              'note': 'The global logon page finds '
                                                                      "the account's region "
                                                                      'itself; it does not tell '
                                                                      'the region.',
                                                              'confidence': '3rd'},
                                                             {'host': 'api.mimecast.com',
                                                              'role': 'api',
                                                              'note': 'The global API host (it '
                                                                      'answers which region an '
                                                                      'address belongs to).',
                                                              'confidence': 'doc'},
                                                             {'host': 'api.services.mimecast.com',
                                                              'role': 'api',
                                                              'note': 'Mimecast API 2.0, global '
                                                                      'endpoint.',
                                                              'confidence': 'doc'},
                                                             {'host': 'uk-api.services.mimecast.com',
                                                              'role': 'api',
                                                              'note': 'Mimecast API 2.0, UK '
                                                                      'endpoint; which regions it '
                                                                      'serves is not confirmed.',
                                                              'confidence': 'uncertain'},
                                                             {'host': 'us-api.services.mimecast.com',
                                                              'role': 'api',
                                                              'note': 'Mimecast API 2.0, US '
                                                                      'endpoint.',
                                                              'confidence': 'doc'}],
                                             'regions': [{'id': 'eu',
                                                          'name': 'Europe',
                                                          'aliases': ['europe', 'emea', 'uk'],
                                                          'console_hosts': ['login-eu.mimecast.com'],
                                                          'api_hosts': ['eu-api.mimecast.com'],
                                                          'mail_hosts': ['eu-smtp-inbound-1.mimecast.com',
                                                                         'eu-smtp-inbound-2.mimecast.com'],
                                                          'confidence': '3rd'},
                                                         {'id': 'de',
                                                          'name': 'Germany',
                                                          'aliases': ['germany'],
                                                          'api_hosts': ['de-api.mimecast.com'],
                                                          'mail_hosts': ['de-smtp-inbound-1.mimecast.com',
                                                                         'de-smtp-inbound-2.mimecast.com'],
                                                          'notes': ['No separate console host for '
                                                                    'Germany was confirmed.'],
                                                          'confidence': 'uncertain'},
                                                         {'id': 'us',
                                                          'name': 'United States',
                                                          'aliases': ['na',
                                                                      'americas',
                                                                      'north-america',
                                                                      'united-states'],
                                                          'console_hosts': ['login-us.mimecast.com'],
                                                          'api_hosts': ['us-api.mimecast.com'],
                                                          'mail_hosts': ['us-smtp-inbound-1.mimecast.com',
                                                                         'us-smtp-inbound-2.mimecast.com'],
                                                          'confidence': '3rd'},
                                                         {'id': 'usb',
                                                          'name': 'United States (US-B)',
                                                          'aliases': ['us-b'],
                                                          'console_hosts': ['login-usb.mimecast.com'],
                                                          'api_hosts': ['usb-api.mimecast.com'],
                                                          'confidence': '3rd'},
                                                         {'id': 'ca',
                                                          'name': 'Canada',
                                                          'aliases': ['canada'],
                                                          'api_hosts': ['ca-api.mimecast.com'],
                                                          'mail_hosts': ['ca-smtp-inbound-1.mimecast.com',
                                                                         'ca-smtp-inbound-2.mimecast.com'],
                                                          'confidence': '3rd'},
                                                         {'id': 'za',
                                                          'name': 'South Africa',
                                                          'aliases': ['south-africa'],
                                                          'console_hosts': ['login-za.mimecast.com'],
                                                          'api_hosts': ['za-api.mimecast.com'],
                                                          'mail_hosts': ['za-smtp-inbound-1.mimecast.co.za',
                                                                         'za-smtp-inbound-2.mimecast.co.za'],
                                                          'confidence': '3rd'},
                                                         {'id': 'au',
                                                          'name': 'Australia',
                                                          'aliases': ['australia'],
                                                          'console_hosts': ['login-au.mimecast.com'],
                                                          'api_hosts': ['au-api.mimecast.com'],
                                                          'mail_hosts': ['au-smtp-inbound-1.mimecast.com',
                                                                         'au-smtp-inbound-2.mimecast.com'],
                                                          'confidence': '3rd'},
                                                         {'id': 'offshore',
                                                          'name': 'Offshore (Jersey)',
                                                          'aliases': ['jer', 'je', 'jersey'],
                                                          'console_hosts': ['login-jer.mimecast.com'],
                                                          'api_hosts': ['jer-api.mimecast.com',
                                                                        'je-api.mimecast.com'],
                                                          'mail_hosts': ['je-smtp-inbound-1.mimecast-offshore.com',
                                                                         'je-smtp-inbound-2.mimecast-offshore.com'],
                                                          'host_confidence': {'jer-api.mimecast.com': 'uncertain',
                                                                              'je-api.mimecast.com': 'uncertain'},
                                                          'notes': ['Sources disagree on the API '
                                                                    'host (jer-api or je-api); '
                                                                    'both are accepted.'],
                                                          'confidence': '3rd'}],
                                             'requests': [{'id': 'mimecast-secure-messaging-support',
                                                           'name': 'Mimecast Secure Messaging '
                                                                   'support escalation',
                                                           'where': 'Mimecast Support Desk '
                                                                    '(customers: through your '
                                                                    'Mimecast administrator)',
                                                           'advice': ['Before escalating, open the '
                                                                      'portal through the link in '
                                                                      'the message received, check '
                                                                      'the primary SMTP address, '
                                                                      'and use a supported '
                                                                      'browser.'],
                                                           'fields': [{'id': 'attempt_time',
                                                                       'label': 'Date and time of '
                                                                                'the logon attempt',
                                                                       'kind': 'datetime',
                                                                       'aliases': ['date/time',
                                                                                   'date / time',
                                                                                   'date and time',
                                                                                   'time of logon '
                                                                                   'attempt',
                                                                                   'logon attempt',
                                                                                   'date',
                                                                                   'time',
                                                                                   'when'],
                                                                       'advice': 'When the logon '
                                                                                 'failed, with its '
                                                                                 'time zone (for '
                                                                                 'example '
                                                                                 '2026-11-20 14:05 '
                                                                                 '+01:00), so '
                                                                                 'support can find '
                                                                                 'it in the logs.'},
                                                                      {'id': 'portal_url',
                                                                       'label': 'URL used to reach '
                                                                                'the portal',
                                                                       'kind': 'url',
                                                                       'aliases': ['url',
                                                                                   'portal url',
                                                                                   'url used',
                                                                                   'link'],
                                                                       'advice': 'The full address '
                                                                                 "in the browser's "
                                                                                 'address bar when '
                                                                                 'the logon '
                                                                                 'failed.'},
                                                                      {'id': 'browser',
                                                                       'label': 'Web browser and '
                                                                                'version',
                                                                       'kind': 'browser',
                                                                       'aliases': ['browser',
                                                                                   'web browser',
                                                                                   'browser '
                                                                                   'version',
                                                                                   'web browser '
                                                                                   'information '
                                                                                   'and version'],
                                                                       'advice': "The browser's "
                                                                                 'name and '
                                                                                 'version, for '
                                                                                 'example Firefox '
                                                                                 '128.0 (Help > '
                                                                                 'About).'},
                                                                      {'id': 'login_email',
                                                                       'label': 'Email address '
                                                                                'used to log in',
                                                                       'kind': 'email',
                                                                       'aliases': ['email',
                                                                                   'email address',
                                                                                   'logon',
                                                                                   'login',
                                                                                   'login email',
                                                                                   'logon email'],
                                                                       'advice': 'The address '
                                                                                 'typed at the '
                                                                                 'logon prompt; it '
                                                                                 'must be the '
                                                                                 'primary SMTP '
                                                                                 'address.'}]}]}}}
