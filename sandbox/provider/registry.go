package main

import (
	"context"
	"sort"
	"time"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// A resource handler serves one resource type (token). The server does the gRPC plumbing (marshalling,
// cancellation, errors); a handler works on property maps and talks to DigitalOcean through godo.
// One file per resource (databasecluster.go, databasedb.go, ...), each listed in handlers().
type resourceHandler interface {
	// token is the Pulumi type token, e.g. digitalocean:index/databaseCluster:DatabaseCluster.
	token() string
	// schema describes the resource: it feeds GetSchema and the type checks.
	schema() resourceSchema
	check(req checkRequest) (resource.PropertyMap, []*pulumirpc.CheckFailure, error)
	diff(req diffRequest) (*pulumirpc.DiffResponse, error)
	create(ctx context.Context, env *opEnv, req createRequest) (string, resource.PropertyMap, error)
	read(ctx context.Context, env *opEnv, req readRequest) (readResult, error)
	update(ctx context.Context, env *opEnv, req updateRequest) (resource.PropertyMap, error)
	delete(ctx context.Context, env *opEnv, req deleteRequest) error
}

type checkRequest struct {
	URN        resource.URN
	Name       string // the logical name, for autonaming
	Olds, News resource.PropertyMap
	RandomSeed []byte
	Autonaming *pulumirpc.CheckRequest_AutonamingOptions
}

type diffRequest struct {
	ID            string
	URN           resource.URN
	OldInputs     resource.PropertyMap
	OldOutputs    resource.PropertyMap
	News          resource.PropertyMap
	IgnoreChanges []string
}

type createRequest struct {
	URN     resource.URN
	Inputs  resource.PropertyMap
	Preview bool
	Timeout time.Duration // 0: the handler's default
}

type readRequest struct {
	ID     string
	URN    resource.URN
	Inputs resource.PropertyMap // nil or empty on import
	State  resource.PropertyMap
}

// readResult with an empty ID means the resource is gone.
type readResult struct {
	ID      string
	Outputs resource.PropertyMap
	Inputs  resource.PropertyMap
}

type updateRequest struct {
	ID         string
	URN        resource.URN
	OldInputs  resource.PropertyMap
	OldOutputs resource.PropertyMap
	News       resource.PropertyMap
	Preview    bool
	Timeout    time.Duration
}

type deleteRequest struct {
	ID      string
	URN     resource.URN
	Inputs  resource.PropertyMap
	Outputs resource.PropertyMap
}

// opEnv is what a handler needs to act: the configured client and the wait settings.
type opEnv struct {
	client       *godo.Client
	pollInterval time.Duration
	waitTimeout  time.Duration
}

// partialError reports that DigitalOcean accepted a create (or an update) but the provider could not
// finish it (a cancellation, a timeout, a failed follow-up call). The server turns it into
// ErrorResourceInitFailed so that the engine records the resource instead of forgetting it.
type partialError struct {
	ID      string
	Outputs resource.PropertyMap
	Reason  error
}

func (e *partialError) Error() string { return e.Reason.Error() }
func (e *partialError) Unwrap() error { return e.Reason }

// handlers lists every resource the provider serves.
func handlers() []resourceHandler {
	return []resourceHandler{
		databaseCluster{},
		databaseDb{},
		databaseUser{},
		databaseConnectionPool{},
		databaseFirewall{},
		databaseReplica{},
	}
}

// registry maps type tokens to handlers.
type registry map[string]resourceHandler

func newRegistry(hs ...resourceHandler) registry {
	r := registry{}
	for _, h := range hs {
		r[h.token()] = h
	}
	return r
}

func (r registry) tokens() []string {
	out := make([]string, 0, len(r))
	for t := range r {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
