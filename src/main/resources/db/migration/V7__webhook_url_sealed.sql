-- A callback URL's query may carry a portal's token: the URL as registered is kept encrypted for
-- delivery, and url keeps only what may be shown (scheme, host, port, path). Rows from before are
-- sealed at start-up, which needs the keyset.
alter table webhooks add column url_ciphertext bytea;
