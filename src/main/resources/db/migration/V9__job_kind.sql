-- Jobs act on resources of several kinds; each job's spec is read back as its kind's. Jobs written
-- before there were kinds are all of the cluster.
alter table jobs add column kind varchar(64) default 'DigitalOceanDatabaseCluster' not null;
