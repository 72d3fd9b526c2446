-- Callbacks of portals: each cluster may have several; each job state change is delivered to each.
create table webhooks (
    id                 varchar(36)   primary key,
    cluster_id         varchar(36)   not null references clusters (id) on delete cascade,
    url                varchar(2000) not null,
    -- the signing secret, encrypted like every other secret
    secret_ciphertext  bytea         not null,
    created_by         varchar(255)  not null,
    created_at         timestamp with time zone not null
);
create index webhooks_cluster_idx on webhooks (cluster_id);

create table webhook_deliveries (
    id                 varchar(36)   primary key,
    -- no foreign key: the record of a delivery outlives its webhook
    webhook_id         varchar(36)   not null,
    cluster_id         varchar(36)   not null,
    job_id             varchar(36)   not null,
    event_type         varchar(64)   not null,
    payload            text          not null,
    status             varchar(16)   not null,
    attempts           integer       not null,
    last_status_code   integer,
    last_error         varchar(500),
    created_at         timestamp with time zone not null,
    delivered_at       timestamp with time zone
);
create index webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, created_at);
