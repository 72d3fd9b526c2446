-- Every resource this service manages, of every kind, in one table: a cluster, and the resources that
-- live inside one (firewall, pools, users, databases, replicas). The clusters move in with their ids,
-- so jobs, webhooks and audit events that name them keep naming them.
create table resources (
    id              varchar(36)  primary key,
    -- the manifest's kind, such as DigitalOceanDatabaseCluster
    kind            varchar(64)  not null,
    -- the name DigitalOcean knows the resource by
    name            varchar(255) not null,
    -- what two resources may not share: a cluster's name in the account, a database's in its cluster
    name_key        varchar(600) not null,
    -- the managed cluster the resource lives in; null for a cluster. A cluster cannot go while
    -- something lives in it.
    cluster_id      varchar(36)  references resources (id),
    org             varchar(255) not null,
    env             varchar(255) not null,
    engine          varchar(16),
    region          varchar(16),
    stack_name      varchar(512) not null,
    stack_key       varchar(512) not null,
    spec_version    integer      not null,
    -- the manifest as applied, binary protobuf; it never holds a token
    manifest        bytea        not null,
    state           varchar(16)  not null,
    -- DigitalOcean's id of the resource, once a job of it succeeded (not secret: every API listing shows it)
    digitalocean_id varchar(255),
    created_by      varchar(255) not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint resources_name_key_unique unique (name_key),
    constraint resources_stack_key_unique unique (stack_key)
);
create index resources_listing_idx on resources (kind, org, env, engine);
create index resources_cluster_idx on resources (cluster_id, kind);
create index resources_digitalocean_idx on resources (kind, digitalocean_id);

insert into resources (id, kind, name, name_key, cluster_id, org, env, engine, region, stack_name, stack_key, spec_version, manifest,
                       state, created_by, created_at, updated_at)
select id, 'DigitalOceanDatabaseCluster', cluster_name, 'DigitalOceanDatabaseCluster/' || cluster_name, null, org, env, engine, region,
       stack_name, stack_key, spec_version, manifest, state, created_by, created_at, updated_at
  from clusters;

-- The token and the outputs of each resource, encrypted as before (each bound to its resource's id).
create table resource_credentials (
    resource_id     varchar(36)  primary key references resources (id) on delete cascade,
    ciphertext      bytea        not null,
    updated_at      timestamp with time zone not null
);
insert into resource_credentials (resource_id, ciphertext, updated_at)
select cluster_id, ciphertext, updated_at from cluster_credentials;

create table resource_outputs (
    resource_id     varchar(36)   primary key references resources (id) on delete cascade,
    job_id          varchar(36)   not null,
    ciphertext      bytea         not null,
    output_keys     varchar(1000) not null,
    secret_keys     varchar(1000) not null,
    updated_at      timestamp with time zone not null
);
insert into resource_outputs (resource_id, job_id, ciphertext, output_keys, secret_keys, updated_at)
select cluster_id, job_id, ciphertext, output_keys, secret_keys, updated_at from cluster_outputs;

-- Webhooks now follow the cluster's record in resources. The table is rebuilt (its foreign key has no
-- name both databases agree on), then takes its old name again.
create table webhooks_moved (
    id                 varchar(36)   primary key,
    cluster_id         varchar(36)   not null references resources (id) on delete cascade,
    url                varchar(2000) not null,
    secret_ciphertext  bytea         not null,
    created_by         varchar(255)  not null,
    created_at         timestamp with time zone not null,
    url_ciphertext     bytea
);
insert into webhooks_moved (id, cluster_id, url, secret_ciphertext, created_by, created_at, url_ciphertext)
select id, cluster_id, url, secret_ciphertext, created_by, created_at, url_ciphertext from webhooks;
drop table webhooks;
alter table webhooks_moved rename to webhooks;
create index webhooks_cluster_idx on webhooks (cluster_id);

drop table cluster_credentials;
drop table cluster_outputs;
drop table clusters;
