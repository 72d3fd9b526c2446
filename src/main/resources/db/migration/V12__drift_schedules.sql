-- A resource's drift schedule: every so often, a drift check (a refresh only previewed) is queued.
create table drift_schedules (
    resource_id     varchar(36)  primary key references resources (id) on delete cascade,
    every_seconds   bigint       not null,
    next_check_at   timestamp with time zone not null,
    updated_by      varchar(200) not null,
    updated_at      timestamp with time zone not null
);
create index drift_schedules_due on drift_schedules (next_check_at);
