-- A stack holds one cluster for that cluster's whole life: a second cluster in the same stack would
-- have Pulumi replace the first, deleting it. stack_key is what makes two stacks the same one: the
-- project and stack name of stack_name (<organization>/<project>/<stack>), lower case. The
-- organization is left out because a self-managed backend keeps every organization's stacks in one
-- place; case is left out because work directories may live on a file system that ignores it.
alter table clusters add column stack_key varchar(512);

update clusters set stack_key = lower(substring(stack_name from position('/' in stack_name) + 1));

-- Clusters that already shared a stack before this migration keep their rows and their stack, the
-- oldest one holding the key; each later one gets a key of its own that no stack name can equal
-- ('#' is not a stack character), so the constraint holds and the operators can sort them out.
update clusters set stack_key = stack_key || '#' || id
 where exists (select 1 from clusters holder
                where holder.stack_key = clusters.stack_key
                  and (holder.created_at < clusters.created_at or (holder.created_at = clusters.created_at and holder.id < clusters.id)));

alter table clusters alter column stack_key set not null;
alter table clusters add constraint clusters_stack_key_unique unique (stack_key);
