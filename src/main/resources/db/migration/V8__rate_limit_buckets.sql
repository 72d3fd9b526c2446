-- The per-caller token buckets of changes, in the database every replica shares, so that the limit
-- holds for the sum of the replicas. The rate-limiting library keeps each row: the bucket's state,
-- and when it would be full again (epoch milliseconds), after which the row may go.
create table rate_limit_buckets (
  id varchar(200) primary key,
  state bytea,
  expires_at bigint
);

create index rate_limit_buckets_expires_at on rate_limit_buckets (expires_at);
