package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil/rpcerror"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// errCancelled is the cause of contexts cut short by the engine's Cancel call.
var errCancelled = errors.New("the operation was cancelled by the Pulumi engine")

// server implements the Pulumi resource provider protocol for the sandbox DigitalOcean provider.
type server struct {
	pulumirpc.UnimplementedResourceProviderServer

	reg registry

	mu  sync.RWMutex
	cfg *providerConfig
	env *opEnv

	// cancelCtx ends when the engine calls Cancel; every operation's context derives from it too.
	cancelCtx context.Context
	cancel    context.CancelCauseFunc
}

func newServer() *server {
	ctx, cancel := context.WithCancelCause(context.Background())
	return &server{reg: newRegistry(handlers()...), cancelCtx: ctx, cancel: cancel}
}

// opContext joins the request's context with the provider-wide cancellation.
func (s *server) opContext(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(s.cancelCtx, func() { cancel(errCancelled) })
	return ctx, func() { stop(); cancel(nil) }
}

var marshalOpts = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: false}

func unmarshal(label string, s *structpb.Struct) (resource.PropertyMap, error) {
	if s == nil {
		return resource.PropertyMap{}, nil
	}
	opts := marshalOpts
	opts.Label = label
	return plugin.UnmarshalProperties(s, opts)
}

func marshal(label string, m resource.PropertyMap) (*structpb.Struct, error) {
	opts := marshalOpts
	opts.Label = label
	return plugin.MarshalProperties(m, opts)
}

func (s *server) handler(typ, urn string) (resourceHandler, error) {
	if typ == "" && urn != "" {
		typ = string(resource.URN(urn).Type())
	}
	h, ok := s.reg[typ]
	if !ok {
		return nil, rpcerror.Newf(codes.Unimplemented,
			"resource type %q is not served by this sandbox build of the digitalocean provider (served: %v)",
			typ, s.reg.tokens())
	}
	return h, nil
}

func (s *server) opEnv() (*opEnv, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.env == nil {
		return nil, rpcerror.New(codes.FailedPrecondition, "the digitalocean provider is not configured (Configure was not called)")
	}
	return s.env, nil
}

// toRPCError turns a handler error into what the engine expects. A partialError becomes
// "resource initialization failed" with ErrorResourceInitFailed details (id and state), so that the
// engine records the resource. Other errors keep DigitalOcean's words.
func toRPCError(err error) error {
	var pe *partialError
	if errors.As(err, &pe) {
		props, merr := marshal("partial", pe.Outputs)
		if merr != nil {
			return rpcerror.New(codes.Unknown, fmt.Sprintf("%v (and the partial state could not be encoded: %v)", pe.Reason, merr))
		}
		return rpcerror.WithDetails(
			rpcerror.New(codes.Unknown, "resource initialization failed"),
			&pulumirpc.ErrorResourceInitFailed{Id: pe.ID, Properties: props, Reasons: []string{pe.Reason.Error()}})
	}
	if _, ok := rpcerror.FromError(err); ok {
		return err
	}
	return rpcerror.New(codes.Unknown, err.Error())
}

func timeoutOf(seconds float64) time.Duration {
	if seconds <= 0 {
		return 0
	}
	return time.Duration(seconds * float64(time.Second))
}

// ---- plugin and schema

func (s *server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: pluginVersion}, nil
}

func (s *server) GetSchema(_ context.Context, req *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	if req.GetVersion() > 0 {
		return nil, rpcerror.Newf(codes.InvalidArgument, "unsupported schema version %d", req.GetVersion())
	}
	js, err := packageSchemaJSON(s.reg)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetSchemaResponse{Schema: js}, nil
}

// Cancel ends every wait in flight; the operations return at once.
func (s *server) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	s.cancel(errCancelled)
	return &emptypb.Empty{}, nil
}

// ---- provider configuration

func (s *server) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	news, err := unmarshal("checkConfig.news", req.GetNews())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: req.GetNews(), Failures: checkConfig(news)}, nil
}

func (s *server) DiffConfig(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal("diffConfig.olds", req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	if len(olds) == 0 {
		if olds, err = unmarshal("diffConfig.olds", req.GetOlds()); err != nil {
			return nil, err
		}
	}
	news, err := unmarshal("diffConfig.news", req.GetNews())
	if err != nil {
		return nil, err
	}
	keys := map[resource.PropertyKey]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	var diffs []string
	detailed := map[string]*pulumirpc.PropertyDiff{}
	for k := range keys {
		if isInternalKey(k) || k == "version" {
			continue
		}
		o, n := plain(olds[k]), plain(news[k])
		oHas, nHas := present(olds, string(k)), present(news, string(k))
		if !unknown(n) && o.DeepEquals(n) {
			continue
		}
		if !oHas && !nHas {
			continue
		}
		kind := pulumirpc.PropertyDiff_UPDATE
		if !oHas {
			kind = pulumirpc.PropertyDiff_ADD
		} else if !nHas {
			kind = pulumirpc.PropertyDiff_DELETE
		}
		diffs = append(diffs, string(k))
		detailed[string(k)] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
	}
	sort.Strings(diffs)
	changes := pulumirpc.DiffResponse_DIFF_NONE
	if len(diffs) > 0 {
		changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	// A new token or endpoint reconfigures the provider; it never replaces what it manages.
	return &pulumirpc.DiffResponse{Changes: changes, Diffs: diffs, DetailedDiff: detailed, HasDetailedDiff: true}, nil
}

func (s *server) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	args, err := unmarshal("configure.args", req.GetArgs())
	if err != nil {
		return nil, err
	}
	cfg, err := resolveConfig(args, req.GetVariables())
	if err != nil {
		return nil, rpcerror.New(codes.InvalidArgument, err.Error())
	}
	client, err := cfg.newClient()
	if err != nil {
		return nil, rpcerror.Newf(codes.InvalidArgument, "building the DigitalOcean client: %v", err)
	}
	s.mu.Lock()
	s.cfg = &cfg
	s.env = &opEnv{client: client, pollInterval: cfg.pollInterval, waitTimeout: cfg.waitTimeout}
	s.mu.Unlock()
	logf("configured: %s", cfg)
	return &pulumirpc.ConfigureResponse{
		AcceptSecrets:                   true,
		SupportsPreview:                 true,
		AcceptResources:                 false,
		AcceptOutputs:                   false,
		SupportsAutonamingConfiguration: true,
	}, nil
}

// ---- resources

func (s *server) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	h, err := s.handler(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal("check.olds", req.GetOlds())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal("check.news", req.GetNews())
	if err != nil {
		return nil, err
	}
	name := req.GetName()
	if name == "" && req.GetUrn() != "" {
		name = resource.URN(req.GetUrn()).Name()
	}
	inputs, failures, err := h.check(checkRequest{
		URN: resource.URN(req.GetUrn()), Name: name, Olds: olds, News: news,
		RandomSeed: req.GetRandomSeed(), Autonaming: req.GetAutonaming(),
	})
	if err != nil {
		return nil, toRPCError(err)
	}
	m, err := marshal("check.inputs", inputs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: m, Failures: failures}, nil
}

func (s *server) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	h, err := s.handler(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	oldInputs, err := unmarshal("diff.oldInputs", req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal("diff.olds", req.GetOlds())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal("diff.news", req.GetNews())
	if err != nil {
		return nil, err
	}
	resp, err := h.diff(diffRequest{ID: req.GetId(), URN: resource.URN(req.GetUrn()), OldInputs: oldInputs,
		OldOutputs: olds, News: news, IgnoreChanges: req.GetIgnoreChanges()})
	if err != nil {
		return nil, toRPCError(err)
	}
	return resp, nil
}

func (s *server) Create(ctx context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	h, err := s.handler(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	inputs, err := unmarshal("create.properties", req.GetProperties())
	if err != nil {
		return nil, err
	}
	var env *opEnv
	if !req.GetPreview() {
		if env, err = s.opEnv(); err != nil {
			return nil, err
		}
	}
	ctx, done := s.opContext(ctx)
	defer done()
	id, outs, err := h.create(ctx, env, createRequest{URN: resource.URN(req.GetUrn()), Inputs: inputs,
		Preview: req.GetPreview(), Timeout: timeoutOf(req.GetTimeout())})
	if err != nil {
		return nil, toRPCError(err)
	}
	m, err := marshal("create.outputs", outs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: m}, nil
}

func (s *server) Read(ctx context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	h, err := s.handler(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	env, err := s.opEnv()
	if err != nil {
		return nil, err
	}
	var inputs resource.PropertyMap
	if req.GetInputs() != nil {
		if inputs, err = unmarshal("read.inputs", req.GetInputs()); err != nil {
			return nil, err
		}
	}
	state, err := unmarshal("read.properties", req.GetProperties())
	if err != nil {
		return nil, err
	}
	ctx, done := s.opContext(ctx)
	defer done()
	res, err := h.read(ctx, env, readRequest{ID: req.GetId(), URN: resource.URN(req.GetUrn()), Inputs: inputs, State: state})
	if err != nil {
		return nil, toRPCError(err)
	}
	if res.ID == "" {
		// Gone: an empty id and no properties make the engine drop it from the state.
		return &pulumirpc.ReadResponse{}, nil
	}
	outs, err := marshal("read.outputs", res.Outputs)
	if err != nil {
		return nil, err
	}
	ins, err := marshal("read.inputs", res.Inputs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.ReadResponse{Id: res.ID, Properties: outs, Inputs: ins}, nil
}

func (s *server) Update(ctx context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	h, err := s.handler(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	var env *opEnv
	if !req.GetPreview() {
		if env, err = s.opEnv(); err != nil {
			return nil, err
		}
	}
	oldInputs, err := unmarshal("update.oldInputs", req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal("update.olds", req.GetOlds())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal("update.news", req.GetNews())
	if err != nil {
		return nil, err
	}
	ctx, done := s.opContext(ctx)
	defer done()
	outs, err := h.update(ctx, env, updateRequest{ID: req.GetId(), URN: resource.URN(req.GetUrn()),
		OldInputs: oldInputs, OldOutputs: olds, News: news, Preview: req.GetPreview(),
		Timeout: timeoutOf(req.GetTimeout())})
	if err != nil {
		return nil, toRPCError(err)
	}
	m, err := marshal("update.outputs", outs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: m}, nil
}

func (s *server) Delete(ctx context.Context, req *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	h, err := s.handler(req.GetType(), req.GetUrn())
	if err != nil {
		return nil, err
	}
	env, err := s.opEnv()
	if err != nil {
		return nil, err
	}
	inputs, err := unmarshal("delete.oldInputs", req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	outs, err := unmarshal("delete.properties", req.GetProperties())
	if err != nil {
		return nil, err
	}
	ctx, done := s.opContext(ctx)
	defer done()
	if err := h.delete(ctx, env, deleteRequest{ID: req.GetId(), URN: resource.URN(req.GetUrn()), Inputs: inputs, Outputs: outs}); err != nil {
		return nil, toRPCError(err)
	}
	return &emptypb.Empty{}, nil
}
