"""The bundled profiles as the loader builds them, keyed by a checksum of each file.

Written by scripts/gen_profile_cache.py from profiles/*.toml: do not edit.
"""

from emailsec_check.profiles.model import HostKind, KnownHost, Profile, Region, RequestField, RequestKind, SignOn, StatusPage

BUILT: dict[str, tuple[int, Profile]] = {
    'cisco-secure-email-threat-defense.toml': (
        346650995,
        Profile(
            id='cisco-secure-email-threat-defense',
            name='Cisco Secure Email Threat Defense',
            vendor='Cisco',
            aliases=(
                'setd',
                'etd',
                'secure-email-threat-defense',
            ),
            status_page=StatusPage(
                url='https://ciscosecureemailthreatdefense.statuspage.io',
                platform='statuspage',
                confidence='seed',
            ),
            regions=(
                Region(
                    id='north-america',
                    name='North America',
                    console_hosts=(
                        'dashboard.etd.cisco.com',
                    ),
                    api_hosts=(
                        'api.us.etd.cisco.com',
                    ),
                    mail_hosts=(
                        'mx.us.etd.cisco.com',
                        'host.us.etd.cisco.com',
                    ),
                    aliases=(
                        'us',
                        'na',
                        'americas',
                        'amer',
                    ),
                    host_confidences=(
                        (
                            'dashboard.etd.cisco.com',
                            'uncertain',
                        ),
                    ),
                ),
                Region(
                    id='europe',
                    name='Europe',
                    api_hosts=(
                        'api.de.etd.cisco.com',
                    ),
                    mail_hosts=(
                        'mx.eu.etd.cisco.com',
                        'host.eu.etd.cisco.com',
                    ),
                    notes=(
                        "The API host of this region is named 'de'; its mail-flow host is named 'eu'.",
                    ),
                    aliases=(
                        'eu',
                        'emea',
                        'de',
                    ),
                ),
                Region(
                    id='apjc',
                    name='Asia Pacific, Japan and China',
                    api_hosts=(
                        'api.au.etd.cisco.com',
                    ),
                    mail_hosts=(
                        'mx.au.etd.cisco.com',
                        'host.au.etd.cisco.com',
                    ),
                    notes=(
                        "Served from Australia ('au' hosts); that this is the portal's APJC region is not confirmed.",
                    ),
                    confidence='uncertain',
                    aliases=(
                        'apac',
                        'ap',
                        'asia-pacific',
                        'au',
                        'australia',
                    ),
                ),
                Region(
                    id='india',
                    name='India',
                    api_hosts=(
                        'api.in.etd.cisco.com',
                    ),
                    mail_hosts=(
                        'mx.in.etd.cisco.com',
                        'host.in.etd.cisco.com',
                    ),
                    aliases=(
                        'in',
                    ),
                ),
                Region(
                    id='uae',
                    name='United Arab Emirates',
                    api_hosts=(
                        'api.ae.etd.cisco.com',
                    ),
                    mail_hosts=(
                        'mx.ae.etd.cisco.com',
                        'host.ae.etd.cisco.com',
                    ),
                    aliases=(
                        'ae',
                        'united-arab-emirates',
                    ),
                ),
            ),
            known_hosts=(
                KnownHost(
                    host='sign-on.security.cisco.com',
                    role=HostKind.SIGN_ON,
                    note="Cisco's sign-on page serves every region; it does not tell which region an instance is in.",
                    confidence='3rd',
                ),
            ),
            sign_on=SignOn(
                service='Cisco Security Cloud Sign On',
                hosts=(
                    'sign-on.security.cisco.com',
                ),
                microsoft_names_required=True,
                one_address_per_user=True,
                login_is_primary_address=True,
                notes=(
                    'Sign in with the address the Secure Email Threat Defense account was created with; ask your administrator which one that was.',
                    'A password is reset from the Security Cloud Sign On page (Forgot password).',
                ),
            ),
            multi_region_note='Instances in different regions cannot share a sign-on account: users switch between Secure Email Threat Defense instances from the user menu only within one region, so each region needs its own sign-on and must be managed on its own.',
            notes=(
                'Only one web console host (dashboard.etd.cisco.com) is listed, and which region it serves is not confirmed; if your console has another address, add it in a profile of your own.',
                'Mail-flow hosts: mx.<region> receives mail (inline mode), host.<region> is where Secure Email Threat Defense delivers from.',
            ),
            vendor_domains=(
                'cisco.com',
            ),
        ),
    ),
    'cisco-secure-endpoint.toml': (
        4146691342,
        Profile(
            id='cisco-secure-endpoint',
            name='Cisco Secure Endpoint',
            vendor='Cisco',
            aliases=(
                'secure-endpoint',
                'amp',
                'amp-for-endpoints',
                'fireamp',
            ),
            status_page=StatusPage(
                url='https://status.amp.cisco.com',
                platform='statuspage',
                confidence='3rd',
                note='The Statuspage "Cisco AMP" (page id p5n46sppww3j, also ciscoamp.statuspage.io), seen in public monitoring-plugin test data; its components are grouped by region ("Reputation Service (North America)", "(Europe)", "(APJC)").',
            ),
            regions=(
                Region(
                    id='americas',
                    name='Americas',
                    console_hosts=(
                        'console.amp.cisco.com',
                    ),
                    api_hosts=(
                        'api.amp.cisco.com',
                    ),
                    notes=(
                        'Serves organisations in any country; distance adds no latency problem.',
                    ),
                    confidence='seed',
                    aliases=(
                        'us',
                        'na',
                        'north-america',
                        'amer',
                    ),
                    status_components=(
                        '* (North America)',
                    ),
                    host_confidences=(
                        (
                            'api.amp.cisco.com',
                            '3rd',
                        ),
                    ),
                ),
                Region(
                    id='europe',
                    name='Europe',
                    console_hosts=(
                        'console.eu.amp.cisco.com',
                    ),
                    api_hosts=(
                        'api.eu.amp.cisco.com',
                    ),
                    notes=(
                        'Run to comply with EU privacy law.',
                    ),
                    confidence='seed',
                    aliases=(
                        'eu',
                        'emea',
                    ),
                    status_components=(
                        '* (Europe)',
                    ),
                    host_confidences=(
                        (
                            'api.eu.amp.cisco.com',
                            '3rd',
                        ),
                    ),
                ),
                Region(
                    id='apjc',
                    name='Asia Pacific, Japan and China',
                    console_hosts=(
                        'console.apjc.amp.cisco.com',
                    ),
                    api_hosts=(
                        'api.apjc.amp.cisco.com',
                    ),
                    notes=(
                        'The only datacenter whose licensing portal can be shown in English, Japanese, Chinese or Korean.',
                    ),
                    confidence='seed',
                    aliases=(
                        'apac',
                        'ap',
                        'asia-pacific',
                    ),
                    status_components=(
                        '* (APJC)',
                    ),
                    host_confidences=(
                        (
                            'api.apjc.amp.cisco.com',
                            '3rd',
                        ),
                    ),
                ),
            ),
            known_hosts=(
                KnownHost(
                    host='sign-on.security.cisco.com',
                    role=HostKind.SIGN_ON,
                    note="Cisco's sign-on page serves every region; open the product tile for your region from there.",
                    confidence='3rd',
                ),
                KnownHost(
                    host='ciscoamp.statuspage.io',
                    role=HostKind.STATUS,
                    note='Another address of the Secure Endpoint status page (status.amp.cisco.com).',
                    confidence='3rd',
                ),
                KnownHost(
                    host='p5n46sppww3j.statuspage.io',
                    role=HostKind.STATUS,
                    note='The Statuspage id address of the Secure Endpoint status page (status.amp.cisco.com).',
                    confidence='3rd',
                ),
            ),
            sign_on=SignOn(
                service='SecureX Sign-On (Cisco Security Cloud Sign On) or Cisco Security Account',
                hosts=(
                    'sign-on.security.cisco.com',
                ),
                microsoft_names_required=True,
                activation_days=7,
                notes=(
                    "Activation and credentials mails can land in spam, or in Outlook's Other tab for Microsoft 365 users.",
                ),
            ),
            requests=(
                RequestKind(
                    id='cisco-glo-licensing',
                    name='Cisco GLO licensing request',
                    fields=(
                        RequestField(
                            id='cisco_com_id',
                            label='Cisco.com ID',
                            aliases=(
                                'cco id',
                                'cisco id',
                                'cisco.com user id',
                            ),
                            advice='The Cisco.com user ID of the person opening the case (not an email alias of someone else).',
                        ),
                        RequestField(
                            id='product_name',
                            label='Product Name',
                            kind='product',
                            aliases=(
                                'product',
                            ),
                            advice='Name the product as it appears on the order, for example Cisco Secure Endpoint.',
                            choices=(
                                'Cisco Secure Endpoint',
                                'Secure Endpoint',
                                'AMP for Endpoints',
                                'FireAMP',
                                'Cisco Secure Endpoint Private Cloud',
                                'Cisco Secure Malware Analytics',
                                'Threat Grid',
                                'Cisco Secure Email Threat Defense',
                            ),
                        ),
                        RequestField(
                            id='details',
                            label='Issue/Request Details',
                            aliases=(
                                'issue details',
                                'request details',
                                'issue',
                                'details',
                                'description',
                            ),
                            advice='Say what you tried, the error shown, and the datacenter (Americas, Europe or APJC) the licence belongs in.',
                        ),
                        RequestField(
                            id='web_order_id',
                            label='Cisco Web Order ID #',
                            kind='order_number',
                            aliases=(
                                'web order id',
                                'order id',
                                'order number',
                                'sales order',
                                'sales order number',
                                'so number',
                            ),
                            advice='The order number from the eDelivery or entitlement email, or from Cisco Commerce; digits only.',
                        ),
                        RequestField(
                            id='end_customer',
                            label='End Customer Business Name',
                            aliases=(
                                'end customer',
                                'business name',
                                'company',
                                'company name',
                                'end customer name',
                            ),
                            advice='The business that owns the licence, as written on the order.',
                        ),
                        RequestField(
                            id='customer_name',
                            label='Customer Full Name',
                            kind='name',
                            aliases=(
                                'full name',
                                'customer name',
                                'contact name',
                                'name',
                            ),
                            advice='First and last name of the person GLO should answer.',
                        ),
                        RequestField(
                            id='customer_email',
                            label='Customer email address',
                            kind='email',
                            aliases=(
                                'email',
                                'email address',
                                'customer email',
                                'contact email',
                            ),
                            advice='The address the entitlement email should go to; a missing address on the order is the usual reason none arrived.',
                        ),
                    ),
                    where='Support Case Manager (https://mycase.cloudapps.cisco.com/case): Software Licensing > Security Related Licensing > FireAMP/ThreatGrid (may be renamed Secure Endpoint), severity 3',
                    advice=(
                        'Open a GLO case when applying a licence shows an error, or when no confirmation arrived within 48 hours.',
                        'No entitlement email? The order often has no email address on it: say so in the request details.',
                    ),
                    follow_up_hours=48,
                    severity=3,
                    profile_id='cisco-secure-endpoint',
                ),
            ),
            multi_region_note='The three Secure Endpoint datacenters are separate: licences split between them cannot be managed as one organisation. Claim every licence in one datacenter; moving an organisation to another datacenter is arranged through Cisco Sales.',
            notes=(
                "Older organisations sign in with Cisco Security Account (CSA) credentials; newer ones with SecureX Sign-On. An 'Invalid Account' error after creating a SecureX Sign-On account means: keep using CSA until the console asks you to switch.",
                'A SecureX Sign-On account can be made directly or through Cisco.com or Microsoft; keep using the method you chose.',
            ),
            vendor_domains=(
                'cisco.com',
            ),
            private_cloud_note="Secure Endpoint Private Cloud consoles live on the customer's own domain (console.<your domain>), not on cisco.com: describe yours in a profile of your own and pass --profiles-dir.",
        ),
    ),
    'mimecast-secure-messaging.toml': (
        474531419,
        Profile(
            id='mimecast-secure-messaging',
            name='Mimecast Secure Messaging',
            vendor='Mimecast',
            aliases=(
                'mimecast',
                'secure-messaging',
            ),
            status_page=StatusPage(
                url='https://status.mimecast.com',
                platform='statusio',
                api_url='https://api.status.io/1.0/status/5d849b1c02e65b3ec45369d4',
                confidence='3rd',
                note='The page appears to be hosted on Status.io; its public JSON is read through api.status.io.',
            ),
            regions=(
                Region(
                    id='eu',
                    name='Europe',
                    console_hosts=(
                        'login-eu.mimecast.com',
                    ),
                    api_hosts=(
                        'eu-api.mimecast.com',
                    ),
                    mail_hosts=(
                        'eu-smtp-inbound-1.mimecast.com',
                        'eu-smtp-inbound-2.mimecast.com',
                    ),
                    confidence='3rd',
                    aliases=(
                        'europe',
                        'emea',
                        'uk',
                    ),
                ),
                Region(
                    id='de',
                    name='Germany',
                    api_hosts=(
                        'de-api.mimecast.com',
                    ),
                    mail_hosts=(
                        'de-smtp-inbound-1.mimecast.com',
                        'de-smtp-inbound-2.mimecast.com',
                    ),
                    notes=(
                        'No separate console host for Germany was confirmed.',
                    ),
                    confidence='uncertain',
                    aliases=(
                        'germany',
                    ),
                ),
                Region(
                    id='us',
                    name='United States',
                    console_hosts=(
                        'login-us.mimecast.com',
                    ),
                    api_hosts=(
                        'us-api.mimecast.com',
                    ),
                    mail_hosts=(
                        'us-smtp-inbound-1.mimecast.com',
                        'us-smtp-inbound-2.mimecast.com',
                    ),
                    confidence='3rd',
                    aliases=(
                        'na',
                        'americas',
                        'north-america',
                        'united-states',
                    ),
                ),
                Region(
                    id='usb',
                    name='United States (US-B)',
                    console_hosts=(
                        'login-usb.mimecast.com',
                    ),
                    api_hosts=(
                        'usb-api.mimecast.com',
                    ),
                    confidence='3rd',
                    aliases=(
                        'us-b',
                    ),
                ),
                Region(
                    id='ca',
                    name='Canada',
                    api_hosts=(
                        'ca-api.mimecast.com',
                    ),
                    mail_hosts=(
                        'ca-smtp-inbound-1.mimecast.com',
                        'ca-smtp-inbound-2.mimecast.com',
                    ),
                    confidence='3rd',
                    aliases=(
                        'canada',
                    ),
                ),
                Region(
                    id='za',
                    name='South Africa',
                    console_hosts=(
                        'login-za.mimecast.com',
                    ),
                    api_hosts=(
                        'za-api.mimecast.com',
                    ),
                    mail_hosts=(
                        'za-smtp-inbound-1.mimecast.co.za',
                        'za-smtp-inbound-2.mimecast.co.za',
                    ),
                    confidence='3rd',
                    aliases=(
                        'south-africa',
                    ),
                ),
                Region(
                    id='au',
                    name='Australia',
                    console_hosts=(
                        'login-au.mimecast.com',
                    ),
                    api_hosts=(
                        'au-api.mimecast.com',
                    ),
                    mail_hosts=(
                        'au-smtp-inbound-1.mimecast.com',
                        'au-smtp-inbound-2.mimecast.com',
                    ),
                    confidence='3rd',
                    aliases=(
                        'australia',
                    ),
                ),
                Region(
                    id='offshore',
                    name='Offshore (Jersey)',
                    console_hosts=(
                        'login-jer.mimecast.com',
                    ),
                    api_hosts=(
                        'jer-api.mimecast.com',
                        'je-api.mimecast.com',
                    ),
                    mail_hosts=(
                        'je-smtp-inbound-1.mimecast-offshore.com',
                        'je-smtp-inbound-2.mimecast-offshore.com',
                    ),
                    notes=(
                        'Sources disagree on the API host (jer-api or je-api); both are accepted.',
                    ),
                    confidence='3rd',
                    aliases=(
                        'jer',
                        'je',
                        'jersey',
                    ),
                    host_confidences=(
                        (
                            'jer-api.mimecast.com',
                            'uncertain',
                        ),
                        (
                            'je-api.mimecast.com',
                            'uncertain',
                        ),
                    ),
                ),
            ),
            known_hosts=(
                KnownHost(
                    host='login.mimecast.com',
                    role=HostKind.CONSOLE,
                    note="The global logon page finds the account's region itself; it does not tell the region.",
                    confidence='3rd',
                ),
                KnownHost(
                    host='api.mimecast.com',
                    role=HostKind.API,
                    note='The global API host (it answers which region an address belongs to).',
                ),
                KnownHost(
                    host='api.services.mimecast.com',
                    role=HostKind.API,
                    note='Mimecast API 2.0, global endpoint.',
                ),
                KnownHost(
                    host='uk-api.services.mimecast.com',
                    role=HostKind.API,
                    note='Mimecast API 2.0, UK endpoint; which regions it serves is not confirmed.',
                    confidence='uncertain',
                ),
                KnownHost(
                    host='us-api.services.mimecast.com',
                    role=HostKind.API,
                    note='Mimecast API 2.0, US endpoint.',
                ),
            ),
            sign_on=SignOn(
                service='Mimecast logon (email address and password)',
                login_is_primary_address=True,
                notes=(
                    'Reach the portal through the link in the message received: it carries the right regional URL.',
                ),
            ),
            requests=(
                RequestKind(
                    id='mimecast-secure-messaging-support',
                    name='Mimecast Secure Messaging support escalation',
                    fields=(
                        RequestField(
                            id='attempt_time',
                            label='Date and time of the logon attempt',
                            kind='datetime',
                            aliases=(
                                'date/time',
                                'date / time',
                                'date and time',
                                'time of logon attempt',
                                'logon attempt',
                                'date',
                                'time',
                                'when',
                            ),
                            advice='When the logon failed, with its time zone (for example 2026-11-20 14:05 +01:00), so support can find it in the logs.',
                        ),
                        RequestField(
                            id='portal_url',
                            label='URL used to reach the portal',
                            kind='url',
                            aliases=(
                                'url',
                                'portal url',
                                'url used',
                                'link',
                            ),
                            advice="The full address in the browser's address bar when the logon failed.",
                        ),
                        RequestField(
                            id='browser',
                            label='Web browser and version',
                            kind='browser',
                            aliases=(
                                'browser',
                                'web browser',
                                'browser version',
                                'web browser information and version',
                            ),
                            advice="The browser's name and version, for example Firefox 128.0 (Help > About).",
                        ),
                        RequestField(
                            id='login_email',
                            label='Email address used to log in',
                            kind='email',
                            aliases=(
                                'email',
                                'email address',
                                'logon',
                                'login',
                                'login email',
                                'logon email',
                            ),
                            advice='The address typed at the logon prompt; it must be the primary SMTP address.',
                        ),
                    ),
                    where='Mimecast Support Desk (customers: through your Mimecast administrator)',
                    advice=(
                        'Before escalating, open the portal through the link in the message received, check the primary SMTP address, and use a supported browser.',
                    ),
                    profile_id='mimecast-secure-messaging',
                ),
            ),
            multi_region_note="Mimecast accounts live in one region each: an address hosted in one region cannot log on through another region's URL. Use the link in the message you received, which points at the right region.",
            notes=(
                "The logon is the recipient's primary SMTP address; the first logon uses a temporary password that must be changed.",
                'A password reset link works once; ask for a new one after a failed attempt.',
                'Mimecast supports only the browsers on its browser support matrix.',
            ),
            vendor_domains=(
                'mimecast.com',
                'mimecast.co.za',
                'mimecast-offshore.com',
            ),
        ),
    ),
}
