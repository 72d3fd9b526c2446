package main

import (
	"context"
	"fmt"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// digitalocean:index/databaseDb:DatabaseDb, a database of a cluster, as the official provider
// v4.76.0 has it: every input replaces it, its id is <cluster id>/database/<name>.

const (
	dbToken = "digitalocean:index/databaseDb:DatabaseDb"
	dbIDSep = "/database/"
)

var dbSchema = resourceSchema{
	Token:       dbToken,
	Description: "Provides a DigitalOcean database resource (sandbox build). A new cluster has the database defaultdb.",
	Properties: []property{
		{Name: "clusterId", propType: sString, Input: true, Output: true, RequiredInput: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The ID of the original source database cluster."},
		{Name: "name", propType: sString, Input: true, Output: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The name for the database."},
	},
}

type databaseDb struct{}

func (databaseDb) token() string          { return dbToken }
func (databaseDb) schema() resourceSchema { return dbSchema }

func (databaseDb) check(req checkRequest) (resource.PropertyMap, []*pulumirpc.CheckFailure, error) {
	news := req.News.Copy()
	failures := checkTypes(dbSchema, news)
	failures = append(failures, defaultName(req, news)...)
	failures = append(failures, missingInputs(news, "clusterId")...)
	failures = append(failures, emptyStrings(news, "clusterId", "name")...)
	return news, failures, nil
}

func (databaseDb) diff(req diffRequest) (*pulumirpc.DiffResponse, error) {
	changes := inputChanges(dbSchema, oldState(req.OldOutputs, req.OldInputs), req.News, req.IgnoreChanges, sameDeep)
	return diffResponse(dbSchema, changes, req.News), nil
}

func (h databaseDb) create(ctx context.Context, env *opEnv, req createRequest) (string, resource.PropertyMap, error) {
	if req.Preview {
		return "", plannedOutputs(dbSchema, req.Inputs), nil
	}
	ref := refOf(req.Inputs)
	db, _, err := env.client.Databases.CreateDB(ctx, ref.ClusterID, &godo.DatabaseCreateDBRequest{Name: ref.Name})
	if err == nil {
		err = answered(db, "database")
	}
	if err != nil {
		return "", nil, apiError(ctx, "Error creating Database DB", err)
	}
	ref.Name = db.Name
	logf("created database %s of cluster %s", ref.Name, ref.ClusterID)
	outs, err := readDB(ctx, env.client, ref, req.Inputs)
	if err != nil {
		return "", nil, err
	}
	if outs == nil {
		return "", nil, fmt.Errorf("Error creating Database DB: database %s was not found right after its creation", ref.Name)
	}
	return ref.id(dbIDSep), outs, nil
}

// readDB GETs the database; nil outputs mean 404 (gone).
func readDB(ctx context.Context, c *godo.Client, ref childRef, configured resource.PropertyMap) (resource.PropertyMap, error) {
	db, resp, err := c.Databases.GetDB(ctx, ref.ClusterID, ref.Name)
	if isNotFound(resp) {
		return nil, nil
	}
	if err == nil {
		err = answered(db, "database")
	}
	if err != nil {
		return nil, apiError(ctx, "Error retrieving Database DB", err)
	}
	outs := childRef{ClusterID: ref.ClusterID, Name: db.Name}.outputs()
	annotateSecrets(outs, configured)
	return outs, nil
}

func (databaseDb) read(ctx context.Context, env *opEnv, req readRequest) (readResult, error) {
	ref, err := parseChildRef(req.ID, dbIDSep, req.State)
	if err != nil {
		return readResult{}, err
	}
	outs, err := readDB(ctx, env.client, ref, req.State)
	if err != nil || outs == nil {
		return readResult{}, err
	}
	return readResult{ID: ref.id(dbIDSep), Outputs: outs,
		Inputs: refreshedInputs(dbSchema, req.Inputs, outs, []string{"clusterId", "name"}, sameDeep)}, nil
}

// update has nothing to send: every input of a database replaces it. It reads the database again.
func (databaseDb) update(ctx context.Context, env *opEnv, req updateRequest) (resource.PropertyMap, error) {
	if err := refuseReplaceOnly(dbSchema, "Database DB", req, sameDeep); err != nil {
		return nil, err
	}
	if req.Preview {
		return oldState(req.OldOutputs, req.OldInputs), nil
	}
	outs, err := readDB(ctx, env.client, refOf(req.News), req.News)
	if err != nil {
		return nil, err
	}
	if outs == nil {
		return nil, fmt.Errorf("Error updating Database DB: %s no longer exists (refresh the stack)", req.ID)
	}
	return outs, nil
}

func (databaseDb) delete(ctx context.Context, env *opEnv, req deleteRequest) error {
	ref := refOf(oldState(req.Outputs, req.Inputs))
	if _, err := env.client.Databases.DeleteDB(ctx, ref.ClusterID, ref.Name); err != nil {
		return apiError(ctx, "Error deleting Database DB", err)
	}
	logf("deleted database %s of cluster %s", ref.Name, ref.ClusterID)
	return nil
}
