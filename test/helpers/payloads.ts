// Markup and SQL that must stay data wherever a person can type text.
export const INJECTION_PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', "'; drop table cases; --", "' OR '1'='1"] as const;
