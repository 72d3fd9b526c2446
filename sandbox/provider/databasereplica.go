package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// digitalocean:index/databaseReplica:DatabaseReplica, a read-only replica of a cluster, as the
// official provider v4.76.0 has it: id <cluster id>/replicas/<name>, its DigitalOcean id in uuid;
// clusterId, name, region, privateNetworkUuid and tags replace it; size and storageSizeMib change
// it in place through a resize of the replica (by its uuid, with one node); a create and a resize
// wait until the replica is ready.

const (
	replicaToken = "digitalocean:index/databaseReplica:DatabaseReplica"
	replicaIDSep = "/replicas/"
)

// The official provider waits for "online", the status its tests see; DigitalOcean documents that
// a replica goes from "forking" to "active". Either is ready.
var replicaReadyStatuses = map[string]bool{statusOnline: true, "active": true}

var replicaSchema = resourceSchema{
	Token:       replicaToken,
	Description: "Provides a DigitalOcean database replica resource (sandbox build).",
	Properties: []property{
		{Name: "clusterId", propType: sString, Input: true, Output: true, RequiredInput: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The ID of the original source database cluster."},
		{Name: "name", propType: sString, Input: true, Output: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The name for the database replica."},
		// region and size are plain optional inputs in the official provider, which then replaces
		// (region) or resizes to nothing (size) when a program leaves out what DigitalOcean filled
		// in; here an unset one keeps DigitalOcean's value. The enums are the cluster's.
		{Name: "region", propType: propType{Type: "string", OneOf: regionEnum}, Input: true, Output: true, ReplaceOnChanges: true, Computed: true,
			Description: "DigitalOcean region where the replica will reside."},
		{Name: "size", propType: propType{Type: "string", OneOf: slugEnum}, Input: true, Output: true, Computed: true,
			Description: "Database Droplet size associated with the replica (ex. db-s-1vcpu-1gb); a resize can only increase it."},
		{Name: "privateNetworkUuid", propType: sString, Input: true, Output: true, RequiredOutput: true, ReplaceOnChanges: true, Computed: true,
			Description: "The ID of the VPC where the database replica will be located."},
		{Name: "storageSizeMib", propType: sString, Input: true, Output: true, RequiredOutput: true, Computed: true,
			Description: "The disk size, in MiB, allocated to the replica (a decimal string)."},
		{Name: "tags", propType: sStrList, Input: true, Output: true, ReplaceOnChanges: true,
			Description: "A list of tag names to be applied to the database replica."},
		{Name: "uuid", propType: sString, Output: true, RequiredOutput: true, Description: "The UUID of the database replica."},
		{Name: "host", propType: sString, Output: true, RequiredOutput: true, Description: "Database replica's hostname."},
		{Name: "port", propType: sInt, Output: true, RequiredOutput: true, Description: "Network port that the database replica is listening on."},
		{Name: "uri", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "The full URI for connecting to the database replica."},
		{Name: "privateHost", propType: sString, Output: true, RequiredOutput: true,
			Description: "Same as host, but only accessible from resources within the account and in the same region."},
		{Name: "privateUri", propType: sString, Output: true, RequiredOutput: true, Secret: true,
			Description: "Same as uri, but only accessible from resources within the account and in the same region."},
		{Name: "database", propType: sString, Output: true, RequiredOutput: true, Description: "Name of the replica's default database."},
		{Name: "user", propType: sString, Output: true, RequiredOutput: true, Description: "Username for the replica's default user."},
		{Name: "password", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "Password for the replica's default user."},
	},
}

type databaseReplica struct{}

func (databaseReplica) token() string          { return replicaToken }
func (databaseReplica) schema() resourceSchema { return replicaSchema }

// sameReplicaValue compares as the cluster does: region case, tag order and case, and storage
// spellings are no change.
func sameReplicaValue(key string, ov, nv resource.PropertyValue) bool {
	return sameValue(key, ov, nv, "")
}

func (databaseReplica) check(req checkRequest) (resource.PropertyMap, []*pulumirpc.CheckFailure, error) {
	news := req.News.Copy()
	failures := checkTypes(replicaSchema, news)
	failures = append(failures, defaultName(req, news)...)
	failures = append(failures, missingInputs(news, "clusterId")...)
	failures = append(failures, emptyStrings(news, "clusterId", "name", "privateNetworkUuid")...)
	failures = append(failures, tagFailures(news)...)
	failures = append(failures, storageFailures(news)...)
	return news, failures, nil
}

func (databaseReplica) diff(req diffRequest) (*pulumirpc.DiffResponse, error) {
	changes := inputChanges(replicaSchema, oldState(req.OldOutputs, req.OldInputs), req.News, req.IgnoreChanges, sameReplicaValue)
	return diffResponse(replicaSchema, changes, req.News), nil
}

// replicaOutputs renders DigitalOcean's replica as the state; password is the one to keep when the
// answer has none (the URIs get it, as the official provider builds them).
func replicaOutputs(ref childRef, rp *godo.DatabaseReplica, password string, configured resource.PropertyMap) resource.PropertyMap {
	or := func(v, key string) string {
		if v != "" {
			return v
		}
		return getString(configured, key)
	}
	outs := childRef{ClusterID: ref.ClusterID, Name: rp.Name}.outputs()
	outs["uuid"] = str(rp.ID)
	outs["region"] = str(or(rp.Region, "region"))
	outs["size"] = str(or(rp.Size, "size"))
	outs["tags"] = strList(nonEmpty(rp.Tags))
	outs["privateNetworkUuid"] = str(rp.PrivateNetworkUUID)
	outs["storageSizeMib"] = str(strconv.FormatUint(rp.StorageSizeMib, 10))
	conn := rp.Connection
	if conn != nil && conn.Password != "" {
		password = conn.Password
	}
	var host, database, user string
	var port int
	if conn != nil {
		host, port, database, user = conn.Host, conn.Port, conn.Database, conn.User
	}
	privateHost := ""
	if rp.PrivateConnection != nil {
		privateHost = rp.PrivateConnection.Host
	}
	outs["host"] = str(host)
	outs["port"] = num(int64(port))
	outs["database"] = str(database)
	outs["user"] = str(user)
	outs["privateHost"] = str(privateHost)
	outs["password"] = resource.MakeSecret(str(password))
	outs["uri"] = resource.MakeSecret(str(buildURI(conn, "", password)))
	outs["privateUri"] = resource.MakeSecret(str(buildURI(rp.PrivateConnection, "", password)))
	annotateSecrets(outs, configured)
	return outs
}

// getReplica GETs the replica; nil means 404 (gone).
func getReplica(ctx context.Context, c *godo.Client, ref childRef) (*godo.DatabaseReplica, error) {
	rp, resp, err := c.Databases.GetReplica(ctx, ref.ClusterID, ref.Name)
	if isNotFound(resp) {
		return nil, nil
	}
	if err == nil {
		err = answered(rp, "replica")
	}
	if err != nil {
		return nil, apiError(ctx, "Error retrieving DatabaseReplica", err)
	}
	return rp, nil
}

// waitForReplica polls the replica until it is ready, as the official provider does (a GET every
// poll interval, a 404 means not visible yet). It returns the last answer it had.
func waitForReplica(ctx context.Context, env *opEnv, ref childRef, timeout time.Duration) (*godo.DatabaseReplica, error) {
	var last *godo.DatabaseReplica
	err := poll(ctx, env.pollInterval, timeout, func(ctx context.Context) (bool, error) {
		rp, resp, err := env.client.Databases.GetReplica(ctx, ref.ClusterID, ref.Name)
		if isNotFound(resp) {
			return false, nil
		}
		if err == nil {
			err = answered(rp, "replica")
		}
		if err != nil {
			return false, fmt.Errorf("Error trying to read DatabaseReplica state: %s", err)
		}
		last = rp
		return replicaReadyStatuses[rp.Status], nil
	})
	return last, err
}

func replicaNotReady(id string, last *godo.DatabaseReplica, err error) error {
	status := ""
	if last != nil {
		status = last.Status
	}
	return notReadyError("DatabaseReplica", id, status, statusOnline, err)
}

// createReplica POSTs the replica. DigitalOcean answers 412 while a new cluster's first backup is
// still being made (the cluster is online by then); the official provider tries again for as long
// as a create may take, and so does this one, once every poll interval.
func createReplica(ctx context.Context, env *opEnv, clusterID string, opts *godo.DatabaseCreateReplicaRequest, timeout time.Duration) (*godo.DatabaseReplica, error) {
	rp, resp, err := env.client.Databases.CreateReplica(ctx, clusterID, opts)
	if resp == nil || resp.StatusCode != http.StatusPreconditionFailed {
		return rp, err
	}
	refused := err
	err = poll(ctx, env.pollInterval, timeout, func(ctx context.Context) (bool, error) {
		rp, resp, err = env.client.Databases.CreateReplica(ctx, clusterID, opts)
		if resp != nil && resp.StatusCode == http.StatusPreconditionFailed {
			refused = err
			return false, nil
		}
		return err == nil, err
	})
	if errors.Is(err, errWaitTimeout) {
		return nil, fmt.Errorf("%w: %w", err, refused)
	}
	return rp, err
}

func (databaseReplica) create(ctx context.Context, env *opEnv, req createRequest) (string, resource.PropertyMap, error) {
	inputs := req.Inputs
	if req.Preview {
		return "", plannedOutputs(replicaSchema, inputs), nil
	}
	ref := refOf(inputs)
	opts := &godo.DatabaseCreateReplicaRequest{Name: ref.Name, Region: getString(inputs, "region"), Size: getString(inputs, "size"),
		Tags: getStrings(inputs, "tags"), PrivateNetworkUUID: getString(inputs, "privateNetworkUuid")}
	if present(inputs, "storageSizeMib") {
		if n, err := parseStorage(inputs["storageSizeMib"]); err == nil {
			opts.StorageSizeMib = n
		}
	}
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = env.waitTimeout
	}
	created, err := createReplica(ctx, env, ref.ClusterID, opts, timeout)
	if err == nil {
		err = answered(created, "replica")
	}
	if err != nil {
		return "", nil, apiError(ctx, "Error creating DatabaseReplica", err)
	}
	ref.Name = created.Name
	id := ref.id(replicaIDSep)
	password := ""
	if created.Connection != nil {
		password = created.Connection.Password
	}
	logf("created database replica %s of cluster %s, waiting for it to be ready", ref.Name, ref.ClusterID)
	partial := func(rp *godo.DatabaseReplica, err error) error {
		if rp == nil {
			rp = created
		}
		return &partialError{ID: id, Outputs: replicaOutputs(ref, rp, password, inputs), Reason: fmt.Errorf("Error creating DatabaseReplica: %w", err)}
	}
	if last, err := waitForReplica(ctx, env, ref, timeout); err != nil {
		return "", nil, partial(last, replicaNotReady(id, last, err))
	}
	rp, err := getReplica(ctx, env.client, ref)
	if err == nil && rp == nil {
		err = errors.New("the replica was not found right after it was ready")
	}
	if err != nil {
		return "", nil, partial(nil, err)
	}
	return id, replicaOutputs(ref, rp, password, inputs), nil
}

func (databaseReplica) read(ctx context.Context, env *opEnv, req readRequest) (readResult, error) {
	ref, err := parseChildRef(req.ID, replicaIDSep, req.State)
	if err != nil {
		return readResult{}, err
	}
	rp, err := getReplica(ctx, env.client, ref)
	if err != nil || rp == nil {
		return readResult{}, err
	}
	configured := req.Inputs
	if len(configured) == 0 {
		configured = req.State
	}
	outs := replicaOutputs(ref, rp, getString(req.State, "password"), configured)
	annotateSecrets(outs, req.State)
	imported := []string{"clusterId", "name", "region", "size", "tags", "privateNetworkUuid", "storageSizeMib"}
	return readResult{ID: ref.id(replicaIDSep), Outputs: outs,
		Inputs: refreshedInputs(replicaSchema, req.Inputs, outs, imported, sameReplicaValue)}, nil
}

func (databaseReplica) update(ctx context.Context, env *opEnv, req updateRequest) (resource.PropertyMap, error) {
	if err := refuseReplaceOnly(replicaSchema, "DatabaseReplica", req, sameReplicaValue); err != nil {
		return nil, err
	}
	olds, news := oldState(req.OldOutputs, req.OldInputs), req.News
	// The old state with the new size and storage: the plan of a preview, and what an interrupted
	// resize leaves.
	applied := olds.Copy()
	for _, k := range []resource.PropertyKey{"size", "storageSizeMib"} {
		if present(news, string(k)) {
			applied[k] = news[k]
		}
	}
	if req.Preview {
		return applied, nil
	}
	ref, c := refOf(olds), env.client
	timeout := req.Timeout
	if timeout <= 0 {
		timeout = env.waitTimeout
	}
	wait := func(what string) error {
		if last, err := waitForReplica(ctx, env, ref, timeout); err != nil {
			return &partialError{ID: req.ID, Outputs: applied, Reason: fmt.Errorf("%s: %w", what, replicaNotReady(req.ID, last, err))}
		}
		return nil
	}

	resize := false
	for _, ch := range inputChanges(replicaSchema, olds, news, nil, sameReplicaValue) {
		resize = resize || ch.Key == "size" || ch.Key == "storageSizeMib"
	}
	if resize {
		r := &godo.DatabaseResizeRequest{SizeSlug: getString(applied, "size"), NumNodes: 1} // a replica has one node
		if present(news, "storageSizeMib") {
			if n, err := parseStorage(news["storageSizeMib"]); err == nil {
				r.StorageSizeMib = n
			}
		}
		if _, err := c.Databases.Resize(ctx, getString(olds, "uuid"), r); err != nil {
			return nil, apiError(ctx, "Error resizing database replica", err)
		}
		if err := wait("Error resizing database replica"); err != nil {
			return nil, err
		}
	} else {
		// Nothing to send: the engine asks again for a replica it recorded half-done (a create that
		// was cancelled or timed out). If it is still on its way, wait for it.
		rp, err := getReplica(ctx, c, ref)
		if err != nil {
			return nil, err
		}
		if rp != nil && !replicaReadyStatuses[rp.Status] {
			if err := wait("Error waiting for DatabaseReplica"); err != nil {
				return nil, err
			}
		}
	}
	rp, err := getReplica(ctx, c, ref)
	if err == nil && rp == nil {
		err = fmt.Errorf("Error updating DatabaseReplica: %s no longer exists (refresh the stack)", req.ID)
	}
	if err != nil {
		if resize {
			return nil, &partialError{ID: req.ID, Outputs: applied, Reason: err}
		}
		return nil, err
	}
	outs := replicaOutputs(ref, rp, getString(olds, "password"), news)
	annotateSecrets(outs, olds)
	return outs, nil
}

func (databaseReplica) delete(ctx context.Context, env *opEnv, req deleteRequest) error {
	ref := refOf(oldState(req.Outputs, req.Inputs))
	// Any non-2xx is an error, 404 included (as the official provider); no wait.
	if _, err := env.client.Databases.DeleteReplica(ctx, ref.ClusterID, ref.Name); err != nil {
		return apiError(ctx, "Error deleting DatabaseReplica", err)
	}
	logf("deleted database replica %s of cluster %s", ref.Name, ref.ClusterID)
	return nil
}
