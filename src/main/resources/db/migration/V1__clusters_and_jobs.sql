-- Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode (the embedded default).

create table clusters (
    id              varchar(36)  primary key,
    cluster_name    varchar(64)  not null unique,
    org             varchar(255) not null,
    env             varchar(255) not null,
    engine          varchar(16)  not null,
    region          varchar(16)  not null,
    stack_name      varchar(512) not null,
    spec_version    integer      not null,
    -- the manifest as applied, binary protobuf; it never holds a token
    manifest        bytea        not null,
    state           varchar(16)  not null,
    created_by      varchar(255) not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index clusters_listing_idx on clusters (org, env, engine);

-- The DigitalOcean token a cluster was submitted with, encrypted (AEAD, bound to the cluster id).
create table cluster_credentials (
    cluster_id      varchar(36)  primary key references clusters (id) on delete cascade,
    ciphertext      bytea        not null,
    updated_at      timestamp with time zone not null
);

-- The latest stack outputs, encrypted as one record; the plain columns hold names, never values.
create table cluster_outputs (
    cluster_id      varchar(36)   primary key references clusters (id) on delete cascade,
    job_id          varchar(36)   not null,
    ciphertext      bytea         not null,
    output_keys     varchar(1000) not null,
    secret_keys     varchar(1000) not null,
    updated_at      timestamp with time zone not null
);

create table jobs (
    id                  varchar(36)   primary key,
    -- no foreign key: a job's history outlives the record of a destroyed cluster
    cluster_id          varchar(36)   not null,
    cluster_name        varchar(64)   not null,
    operation           varchar(16)   not null,
    status              varchar(16)   not null,
    -- equals cluster_id while the job is QUEUED, RUNNING or CANCELLING and is null afterwards:
    -- the unique constraint allows one active job per cluster, on H2 and PostgreSQL alike
    active_cluster_id   varchar(36)   unique,
    requested_by        varchar(255)  not null,
    spec_version        integer       not null,
    spec_json           text          not null,
    warnings_json       text          not null,
    changes_json        text,
    error_code          varchar(32),
    error_message       varchar(2000),
    attempts            integer       not null,
    -- the seq of the job's last event; bumping it locks the row, which orders appends across replicas
    event_seq           integer       default 0 not null,
    queued_at           timestamp with time zone not null,
    started_at          timestamp with time zone,
    finished_at         timestamp with time zone
);
create index jobs_cluster_idx on jobs (cluster_id, queued_at);
create index jobs_status_idx on jobs (status, queued_at);

create table job_events (
    job_id      varchar(36)   not null,
    seq         integer       not null,
    at          timestamp with time zone not null,
    type        varchar(64)   not null,
    message     varchar(4000) not null,
    resource    varchar(1000),
    primary key (job_id, seq)
);

-- Answers of POST requests sent with an Idempotency-Key, so a retry replays the first answer.
create table idempotency_keys (
    principal        varchar(255)  not null,
    idempotency_key  varchar(255)  not null,
    request_hash     varchar(64)   not null,
    -- null while the first request is still being answered
    status           integer,
    location         varchar(1000),
    content_type     varchar(255),
    body             bytea,
    created_at       timestamp with time zone not null,
    primary key (principal, idempotency_key)
);
