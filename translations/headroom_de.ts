<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Account</name>
    <message>
        <source>an account lacks id, name or provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account &apos;%1&apos; has an unknown auth scheme &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account &apos;%1&apos; has an invalid interval</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Bearer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic (user name and app password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PRIVATE-TOKEN header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X-Shopify-Access-Token header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Account “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. GitHub (work)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://api.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adaptive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fixed probe interval. Adaptive probes rarely while far from the limit and more often near it. Backoff and Retry-After always apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to keep the stored token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the system keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe &amp;path:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe once with these settings, without saving them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This provider has no request that reveals the quota cheaply: give a probe path of your own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free: the probe spends no quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>costs %n unit(s) of quota per probe</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>quota window usually %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/path/that/returns/rate-limit/headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token contains characters that cannot be sent in a header (line breaks, control or non-ASCII characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An account named “%1” already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the base URL of the API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use https: a token may travel over plain http only to this computer (localhost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL is not usable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probe path must start with “/”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This provider needs a probe path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a value for the parameter “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic authentication needs a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the token in the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token could not be stored in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the account “%1”? Its token is deleted from the keychain; its recorded history stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account was removed, but its token could not be deleted from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the stored token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored token could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>this probe spent %n unit(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AppIcon</name>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>near limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>throttled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authentication failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasteResponseDialog</name>
    <message>
        <source>Fixed reference time (UTC):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP/1.1 200 OK
x-ratelimit-limit: 5000
x-ratelimit-remaining: 4999
…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative values (seconds until reset) are counted from this time; without it, from now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a response head first: the status line and the header lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not an HTTP response head.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not an HTTP response head: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderWindow</name>
    <message>
        <source>Headroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headroom demo: the dashboard is on its way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headroom: the dashboard is on its way.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>Warnings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quotas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no HTTP status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>throttled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retry after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate limiting is disabled on this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response carries no rate-limit fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n quota(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>no token stored for this account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Hide Headroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe All Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close to Tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Minimised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headroom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headroom: no accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Headroom: %n account(s), all ok</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Headroom: %n account(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Show Headroom</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UrlPolicy</name>
    <message>
        <source>invalid URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plain http is refused for %1: use https (http only to a loopback address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported URL scheme &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base URL &apos;%1&apos; is not an absolute URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base URL must not contain credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>base URL must not contain a query or fragment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
