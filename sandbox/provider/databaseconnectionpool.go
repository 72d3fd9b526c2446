package main

import (
	"context"
	"fmt"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// digitalocean:index/databaseConnectionPool:DatabaseConnectionPool, a PgBouncer pool of a
// PostgreSQL cluster, as the official provider v4.76.0 has it: id <cluster id>/<name>, and every
// input replaces the pool. DigitalOcean has a PUT for a pool's mode, size, db and user, but the
// official provider does not use it (all its pool attributes are ForceNew), so neither does this one.

const (
	poolToken = "digitalocean:index/databaseConnectionPool:DatabaseConnectionPool"
	poolIDSep = "/"
)

var poolSchema = resourceSchema{
	Token:       poolToken,
	Description: "Provides a DigitalOcean database connection pool resource (sandbox build).",
	Properties: []property{
		{Name: "clusterId", propType: sString, Input: true, Output: true, RequiredInput: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The ID of the source database cluster. Note: This must be a PostgreSQL cluster."},
		{Name: "name", propType: sString, Input: true, Output: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The name for the database connection pool."},
		{Name: "mode", propType: sString, Input: true, Output: true, RequiredInput: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The PGBouncer transaction mode for the connection pool: session, transaction or statement."},
		{Name: "size", propType: sInt, Input: true, Output: true, RequiredInput: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The desired size of the PGBouncer connection pool."},
		{Name: "dbName", propType: sString, Input: true, Output: true, RequiredInput: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The database for use with the connection pool."},
		{Name: "user", propType: sString, Input: true, Output: true, ReplaceOnChanges: true,
			Description: "The name of the database user for use with the connection pool."},
		{Name: "host", propType: sString, Output: true, RequiredOutput: true, Description: "The hostname used to connect to the database connection pool."},
		{Name: "port", propType: sInt, Output: true, RequiredOutput: true, Description: "Network port that the database connection pool is listening on."},
		{Name: "uri", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "The full URI for connecting to the database connection pool."},
		{Name: "privateHost", propType: sString, Output: true, RequiredOutput: true,
			Description: "Same as host, but only accessible from resources within the account and in the same region."},
		{Name: "privateUri", propType: sString, Output: true, RequiredOutput: true, Secret: true,
			Description: "Same as uri, but only accessible from resources within the account and in the same region."},
		{Name: "password", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "Password for the connection pool's user."},
	},
}

var poolModes = []string{"session", "transaction", "statement"}

type databaseConnectionPool struct{}

func (databaseConnectionPool) token() string          { return poolToken }
func (databaseConnectionPool) schema() resourceSchema { return poolSchema }

func (databaseConnectionPool) check(req checkRequest) (resource.PropertyMap, []*pulumirpc.CheckFailure, error) {
	news := req.News.Copy()
	failures := checkTypes(poolSchema, news)
	failures = append(failures, defaultName(req, news)...)
	failures = append(failures, missingInputs(news, "clusterId", "dbName", "mode", "size")...)
	failures = append(failures, emptyStrings(news, "clusterId", "dbName", "user")...)
	if known(news, "name") {
		if name, ok := asString(news["name"]); ok && (len(name) < 3 || len(name) > 63) {
			failures = append(failures, failure("name", "expected length of name to be in the range (3 - 63), got %s", name))
		}
	}
	if known(news, "mode") {
		failures = append(failures, notOneOf("mode", news["mode"], poolModes...)...)
	}
	if known(news, "size") {
		if n, err := asInt(news["size"]); err == nil && n == 0 {
			failures = append(failures, failure("size", "size must not be zero, got 0"))
		}
	}
	return news, failures, nil
}

func samePoolValue(key string, ov, nv resource.PropertyValue) bool {
	if key == "size" {
		o, err1 := asInt(ov)
		n, err2 := asInt(nv)
		return err1 == nil && err2 == nil && o == n
	}
	return sameDeep(key, ov, nv)
}

func (databaseConnectionPool) diff(req diffRequest) (*pulumirpc.DiffResponse, error) {
	changes := inputChanges(poolSchema, oldState(req.OldOutputs, req.OldInputs), req.News, req.IgnoreChanges, samePoolValue)
	return diffResponse(poolSchema, changes, req.News), nil
}

// poolOutputs renders DigitalOcean's pool as the state; password is the one to keep when the
// answer has none (the URIs get it, as the official provider builds them).
func poolOutputs(ref childRef, p *godo.DatabasePool, password string, configured resource.PropertyMap) resource.PropertyMap {
	outs := childRef{ClusterID: ref.ClusterID, Name: p.Name}.outputs()
	outs["mode"] = str(p.Mode)
	outs["size"] = num(int64(p.Size))
	outs["dbName"] = str(p.Database)
	outs["user"] = str(p.User)
	if p.Connection != nil && p.Connection.Password != "" {
		password = p.Connection.Password
	}
	var host string
	var port int
	if p.Connection != nil {
		host, port = p.Connection.Host, p.Connection.Port
	}
	privateHost := ""
	if p.PrivateConnection != nil {
		privateHost = p.PrivateConnection.Host
	}
	outs["host"] = str(host)
	outs["port"] = num(int64(port))
	outs["privateHost"] = str(privateHost)
	outs["password"] = resource.MakeSecret(str(password))
	outs["uri"] = resource.MakeSecret(str(buildURI(p.Connection, "pg", password)))
	outs["privateUri"] = resource.MakeSecret(str(buildURI(p.PrivateConnection, "pg", password)))
	annotateSecrets(outs, configured)
	return outs
}

// readPool GETs the pool; nil outputs mean 404 (gone).
func readPool(ctx context.Context, c *godo.Client, ref childRef, password string, configured resource.PropertyMap) (resource.PropertyMap, error) {
	p, resp, err := c.Databases.GetPool(ctx, ref.ClusterID, ref.Name)
	if isNotFound(resp) {
		return nil, nil
	}
	if err == nil {
		err = answered(p, "pool")
	}
	if err != nil {
		return nil, apiError(ctx, "Error retrieving DatabaseConnectionPool", err)
	}
	return poolOutputs(ref, p, password, configured), nil
}

func (databaseConnectionPool) create(ctx context.Context, env *opEnv, req createRequest) (string, resource.PropertyMap, error) {
	if req.Preview {
		return "", plannedOutputs(poolSchema, req.Inputs), nil
	}
	ref := refOf(req.Inputs)
	size, _ := asInt(req.Inputs["size"])
	p, _, err := env.client.Databases.CreatePool(ctx, ref.ClusterID, &godo.DatabaseCreatePoolRequest{Name: ref.Name,
		User: getString(req.Inputs, "user"), Mode: getString(req.Inputs, "mode"), Size: int(size), Database: getString(req.Inputs, "dbName")})
	if err == nil {
		err = answered(p, "pool")
	}
	if err != nil {
		return "", nil, apiError(ctx, "Error creating DatabaseConnectionPool", err)
	}
	ref.Name = p.Name
	logf("created connection pool %s of cluster %s", ref.Name, ref.ClusterID)
	// The create answer has the password; later GETs may not.
	password := ""
	if p.Connection != nil {
		password = p.Connection.Password
	}
	outs, err := readPool(ctx, env.client, ref, password, req.Inputs)
	if err != nil {
		return "", nil, err
	}
	if outs == nil {
		return "", nil, fmt.Errorf("Error creating DatabaseConnectionPool: pool %s was not found right after its creation", ref.Name)
	}
	return ref.id(poolIDSep), outs, nil
}

func (databaseConnectionPool) read(ctx context.Context, env *opEnv, req readRequest) (readResult, error) {
	ref, err := parseChildRef(req.ID, poolIDSep, req.State)
	if err != nil {
		return readResult{}, err
	}
	outs, err := readPool(ctx, env.client, ref, getString(req.State, "password"), req.State)
	if err != nil || outs == nil {
		return readResult{}, err
	}
	annotateSecrets(outs, req.State)
	imported := []string{"clusterId", "name", "mode", "size", "dbName", "user"}
	return readResult{ID: ref.id(poolIDSep), Outputs: outs,
		Inputs: refreshedInputs(poolSchema, req.Inputs, outs, imported, samePoolValue)}, nil
}

// update has nothing to send: every input of a pool replaces it. It reads the pool again.
func (databaseConnectionPool) update(ctx context.Context, env *opEnv, req updateRequest) (resource.PropertyMap, error) {
	if err := refuseReplaceOnly(poolSchema, "DatabaseConnectionPool", req, samePoolValue); err != nil {
		return nil, err
	}
	olds := oldState(req.OldOutputs, req.OldInputs)
	if req.Preview {
		return olds, nil
	}
	outs, err := readPool(ctx, env.client, refOf(olds), getString(olds, "password"), req.News)
	if err != nil {
		return nil, err
	}
	if outs == nil {
		return nil, fmt.Errorf("Error updating DatabaseConnectionPool: %s no longer exists (refresh the stack)", req.ID)
	}
	annotateSecrets(outs, olds)
	return outs, nil
}

func (databaseConnectionPool) delete(ctx context.Context, env *opEnv, req deleteRequest) error {
	ref := refOf(oldState(req.Outputs, req.Inputs))
	if _, err := env.client.Databases.DeletePool(ctx, ref.ClusterID, ref.Name); err != nil {
		return apiError(ctx, "Error deleting DatabaseConnectionPool", err)
	}
	logf("deleted connection pool %s of cluster %s", ref.Name, ref.ClusterID)
	return nil
}
