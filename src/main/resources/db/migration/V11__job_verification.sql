-- What connecting to a cluster after its UP showed (answered, the check, the server's version, why
-- not), as JSON: the job records it, the cluster's view shows its latest.
alter table jobs add column verification_json text;
