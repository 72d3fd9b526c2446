-- API keys: only a SHA-256 of each key's secret part is stored; the key itself is shown once.
create table api_keys (
    id           varchar(32)   primary key,
    name         varchar(255)  not null,
    roles        varchar(255)  not null,
    secret_hash  varchar(64)   not null,
    created_by   varchar(255)  not null,
    created_at   timestamp with time zone not null,
    revoked_at   timestamp with time zone
);

-- Append-only: the service inserts and reads, never updates or deletes.
create table audit_events (
    id          varchar(36)   primary key,
    at          timestamp with time zone not null,
    actor       varchar(255)  not null,
    action      varchar(64)   not null,
    cluster_id  varchar(36),
    detail      varchar(2000) not null
);
create index audit_events_at_idx on audit_events (at);
