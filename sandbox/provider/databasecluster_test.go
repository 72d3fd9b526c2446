package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"dbplane.dev/sandbox/provider/internal/dofake"
	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil/rpcerror"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// ---- Check

func TestCheckRequiresTheOfficialInputs(t *testing.T) {
	s, _ := newTestProvider(t)
	_, failures := checkCluster(t, s, nil, resource.PropertyMap{"name": resource.NewStringProperty("x")})
	got := strings.Join(failureProps(failures), ",")
	for _, want := range []string{"engine", "size", "region", "nodeCount", "version"} {
		if !strings.Contains(got, want) {
			t.Errorf("no failure for %s (got %s)", want, got)
		}
	}
	for _, f := range failures {
		if f.GetProperty() == "engine" {
			containsAll(t, f.GetReason(), `"engine" is required`)
		}
	}
}

func TestCheckValidatesTypesAndNamesTheProperty(t *testing.T) {
	s, _ := newTestProvider(t)
	news := with(baseInputs(),
		"nodeCount", "three",
		"tags", resource.NewArrayProperty([]resource.PropertyValue{resource.NewBoolProperty(true)}),
		"storageSizeMib", "10GiB",
		"sqlMode", "ANSI",
		"sizeSlug", "db-s-1vcpu-1gb",
		"maintenanceWindows", resource.NewArrayProperty([]resource.PropertyValue{
			resource.NewObjectProperty(resource.PropertyMap{"day": resource.NewStringProperty("monday")})}),
		"storageAutoscale", resource.NewObjectProperty(resource.PropertyMap{
			"enabled": resource.NewBoolProperty(true), "thresholdPercent": resource.NewNumberProperty(99)}),
	)
	_, failures := checkCluster(t, s, nil, news)
	got := failureProps(failures)
	for _, want := range []string{"nodeCount", "tags[0]", "storageSizeMib", "sqlMode", "sizeSlug",
		"maintenanceWindows[0].hour", "storageAutoscale.thresholdPercent"} {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("no failure for %s (got %v)", want, got)
		}
	}
	// The good inputs pass, and a bad tag name is refused like the official provider does.
	if _, failures := checkCluster(t, s, nil, baseInputs()); len(failures) != 0 {
		t.Errorf("valid inputs failed: %v", failures)
	}
	_, failures = checkCluster(t, s, nil, with(baseInputs(), "tags", strList([]string{"has space"})))
	if len(failures) != 1 || failures[0].GetProperty() != "tags[0]" {
		t.Errorf("bad tag: %v", failures)
	}
}

func TestCheckAutonamesLikeTheOfficialProvider(t *testing.T) {
	s, _ := newTestProvider(t)
	news := with(baseInputs(), "name", nil)
	inputs, failures := checkCluster(t, s, nil, news)
	if len(failures) != 0 {
		t.Fatalf("failures: %v", failures)
	}
	name := stringOf(t, inputs, "name")
	if !regexp.MustCompile(`^database-cluster-[0-9a-f]{7}$`).MatchString(name) {
		t.Errorf("autoname %q is not <logical name>-<7 hex>", name)
	}
	if d := inputs["__defaults"]; !d.IsArray() || len(d.ArrayValue()) != 1 || d.ArrayValue()[0].StringValue() != "name" {
		t.Errorf("__defaults = %v, want [name]", d)
	}
	// The same seed gives the same name; an update keeps the old autoname.
	again, _ := checkCluster(t, s, nil, news)
	if stringOf(t, again, "name") != name {
		t.Errorf("not deterministic: %s vs %s", stringOf(t, again, "name"), name)
	}
	kept, _ := checkCluster(t, s, with(inputs, "name", "database-cluster-abcdef0"), news)
	if stringOf(t, kept, "name") != "database-cluster-abcdef0" {
		t.Errorf("old autoname not kept: %s", stringOf(t, kept, "name"))
	}
	// A name the program sets is the program's.
	explicit, _ := checkCluster(t, s, nil, baseInputs())
	if stringOf(t, explicit, "name") != "db-test" || len(explicit["__defaults"].ArrayValue()) != 0 {
		t.Errorf("explicit name: %v", explicit)
	}
}

func TestCheckToleratesUnknownsAndKeepsSecrets(t *testing.T) {
	s, _ := newTestProvider(t)
	news := with(baseInputs(),
		"privateNetworkUuid", resource.MakeComputed(resource.NewStringProperty("")),
		"nodeCount", resource.MakeComputed(resource.NewStringProperty("")),
		"name", resource.MakeSecret(resource.NewStringProperty("db-secret-name")))
	inputs, failures := checkCluster(t, s, nil, news)
	if len(failures) != 0 {
		t.Fatalf("failures: %v", failures)
	}
	if !inputs["privateNetworkUuid"].IsComputed() || !inputs["name"].IsSecret() {
		t.Errorf("unknown/secret lost: %v", inputs)
	}
}

// ---- Create

func TestCreateWaitsForOnlineKeepsPasswordAndMarksSecrets(t *testing.T) {
	s, fake := newTestProvider(t)
	fake.GetsUntilOnline = 3
	fake.NotFoundGets = 2 // a GET right after the create may 404
	fake.OmitPasswordOnGet = true
	_, id, outs := mustCreate(t, s, baseInputs())

	db, _ := fake.Cluster(id)
	if db.Status != "online" {
		t.Errorf("created before online: %s", db.Status)
	}
	calls := fake.Calls(true)
	if n := count(calls, "GET /v2/databases/"+id); n < 2+3+1 {
		t.Errorf("%d GETs; the 404s and the creating answers must be waited out: %v", n, calls)
	}
	var body map[string]any
	_ = json.Unmarshal([]byte(fake.Requests()[0].Body), &body)
	if body["private_network_uuid"] != "" || body["project_id"] != "" || body["rules"] != nil || body["num_nodes"] != 1.0 ||
		body["storage_size_mib"] != 10240.0 || body["region"] != "nyc1" {
		t.Errorf("create body as godo sends it: %v", body)
	}
	if _, has := body["rules"]; !has {
		t.Errorf("rules must be sent (null): %v", body)
	}

	for _, k := range []string{"password", "uri", "privateUri", "uiPassword", "uiUri"} {
		if !outs[resource.PropertyKey(k)].IsSecret() {
			t.Errorf("%s is not secret", k)
		}
	}
	password := stringOf(t, outs, "password")
	if password != "pw-db-test-1" {
		t.Errorf("password %q: the create answer's must be kept (GETs have none)", password)
	}
	containsAll(t, stringOf(t, outs, "uri"), "postgresql://doadmin:"+password+"@db-test-do-user-1-0.b.db.ondigitalocean.com:25060/defaultdb")
	containsAll(t, stringOf(t, outs, "privateUri"), ":"+password+"@private-db-test")
	want := map[string]any{
		"clusterUrn": "do:dbaas:" + id, "host": "db-test-do-user-1-0.b.db.ondigitalocean.com", "port": 25060.0,
		"user": "doadmin", "database": "defaultdb", "privateHost": "private-db-test-do-user-1-0.b.db.ondigitalocean.com",
		"name": "db-test", "engine": "pg", "version": "16", "size": "db-s-1vcpu-1gb", "region": "nyc1", "nodeCount": 1.0,
		"storageSizeMib": "10240", "privateNetworkUuid": "d455e75d-4858-4eec-8c95-da2f0a5f93a7",
		"projectId": "7d6d3a0e-5b5c-4c2a-9d2c-000000000001", "uiHost": "", "uiPort": 0.0,
	}
	for k, w := range want {
		if got := plain(outs[resource.PropertyKey(k)]).V; got != w {
			t.Errorf("%s = %v, want %v", k, got, w)
		}
	}
	if tags := getStrings(outs, "tags"); strings.Join(tags, ",") != "dbplane,team-a" {
		t.Errorf("tags %v", tags)
	}
	if eps := getStrings(outs, "metricsEndpoints"); len(eps) != 1 || eps[0] != "https://db-test-do-user-1-0.b.db.ondigitalocean.com:9273/metrics" {
		t.Errorf("metricsEndpoints %v", eps)
	}
	// Every output of the schema is there.
	for _, p := range clusterSchema.Properties {
		if p.RequiredOutput {
			if _, ok := outs[resource.PropertyKey(p.Name)]; !ok {
				t.Errorf("output %s missing", p.Name)
			}
		}
	}
}

func TestCreatePreviewCallsNothingAndLeavesOutputsUnknown(t *testing.T) {
	s, fake := newTestProvider(t)
	inputs, _ := checkCluster(t, s, nil, with(baseInputs(), "storageSizeMib", nil))
	id, outs, err := createCluster(context.Background(), t, s, inputs, true)
	if err != nil {
		t.Fatal(err)
	}
	if id != "" || len(fake.Requests()) != 0 {
		t.Errorf("preview created something: id %q, %v", id, fake.Calls(true))
	}
	for _, k := range []string{"host", "port", "password", "uri", "clusterUrn", "privateNetworkUuid", "storageSizeMib", "projectId"} {
		if !outs[resource.PropertyKey(k)].IsComputed() {
			t.Errorf("%s is not unknown in preview: %v", k, outs[resource.PropertyKey(k)])
		}
	}
	if stringOf(t, outs, "size") != "db-s-1vcpu-1gb" || stringOf(t, outs, "name") != "db-test" {
		t.Errorf("preview does not show the inputs: %v", outs)
	}
}

func TestCreateErrorsCarryDigitalOceansWords(t *testing.T) {
	s, fake := newTestProvider(t)
	mustCreate(t, s, baseInputs())
	inputs, _ := checkCluster(t, s, nil, baseInputs())
	_, _, err := createCluster(context.Background(), t, s, inputs, false)
	if err == nil {
		t.Fatal("a second cluster of the same name was created")
	}
	msg := rpcerror.Convert(err).Message()
	containsAll(t, msg, "Error creating database cluster: POST "+fake.URL+"/v2/databases: 422 (request \"req-", "\") name is not available")
}

func TestUnauthorizedSays401(t *testing.T) {
	testEnv(t)
	fake := dofake.New(testToken)
	defer fake.Close()
	s := newServer()
	configure(t, s, resource.PropertyMap{"token": resource.MakeSecret(resource.NewStringProperty("wrong")),
		"apiEndpoint": resource.NewStringProperty(fake.URL)})
	inputs, _ := checkCluster(t, s, nil, baseInputs())
	_, _, err := createCluster(context.Background(), t, s, inputs, false)
	if err == nil {
		t.Fatal("created with a wrong token")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "401", "Unable to authenticate you")
	if strings.Contains(err.Error(), "wrong") {
		t.Errorf("the token shows in the error: %v", err)
	}
}

func TestRateLimitedCallsAreRetried(t *testing.T) {
	s, fake := newTestProvider(t)
	fake.Fail(http.MethodPost, "/v2/databases", http.StatusTooManyRequests, "API Rate limit exceeded.", 2)
	fake.Fail(http.MethodGet, "/v2/databases/", http.StatusServiceUnavailable, "Service Unavailable", 1)
	_, id, _ := mustCreate(t, s, baseInputs())
	if id == "" || count(fake.Calls(false), "POST /v2/databases") != 3 {
		t.Errorf("want 2 refused POSTs then one that works: %v", fake.Calls(true))
	}
}

func TestRateLimitGivesUpAfterFourRetries(t *testing.T) {
	s, fake := newTestProvider(t)
	fake.Fail(http.MethodPost, "/v2/databases", http.StatusTooManyRequests, "API Rate limit exceeded.", 100)
	inputs, _ := checkCluster(t, s, nil, baseInputs())
	_, _, err := createCluster(context.Background(), t, s, inputs, false)
	if err == nil {
		t.Fatal("no error")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "429", "API Rate limit exceeded.", "giving up after 5 attempt(s)")
	if n := count(fake.Calls(false), "POST /v2/databases"); n != 5 {
		t.Errorf("%d POSTs, want 1 + 4 retries", n)
	}
}

// initFailed unpacks the partial-create details the engine reads.
func initFailed(t *testing.T, err error) *pulumirpc.ErrorResourceInitFailed {
	t.Helper()
	rpcErr, ok := rpcerror.FromError(err)
	if !ok {
		t.Fatalf("not an rpc error: %v", err)
	}
	for _, d := range rpcErr.Details() {
		if f, ok := d.(*pulumirpc.ErrorResourceInitFailed); ok {
			if rpcErr.Message() != "resource initialization failed" {
				t.Errorf("message %q", rpcErr.Message())
			}
			return f
		}
	}
	t.Fatalf("no ErrorResourceInitFailed in %v", err)
	return nil
}

func TestCancelStopsTheWaitAndReturnsAPartialCreate(t *testing.T) {
	s, fake := newTestProvider(t)
	fake.GetsUntilOnline = 1 << 30 // never online
	inputs, _ := checkCluster(t, s, nil, baseInputs())

	type result struct {
		err error
		at  time.Time
	}
	done := make(chan result, 1)
	go func() {
		_, _, err := createCluster(context.Background(), t, s, inputs, false)
		done <- result{err, time.Now()}
	}()
	// Let it wait a little (a few GETs), then cancel as the engine does on SIGINT.
	deadline := time.Now().Add(5 * time.Second)
	for count(fake.Calls(true), "POST /v2/databases") == 0 || len(fake.Calls(true)) < 4 {
		if time.Now().After(deadline) {
			t.Fatal("the create did not start waiting")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancelledAt := time.Now()
	if _, err := s.Cancel(context.Background(), &emptypb.Empty{}); err != nil {
		t.Fatal(err)
	}
	var r result
	select {
	case r = <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Cancel did not stop the wait")
	}
	if r.at.Sub(cancelledAt) > time.Second {
		t.Errorf("stopped %v after Cancel", r.at.Sub(cancelledAt))
	}
	f := initFailed(t, r.err)
	ids := fake.IDs()
	if len(ids) != 1 || f.GetId() != ids[0] {
		t.Fatalf("partial create id %q, clusters %v", f.GetId(), ids)
	}
	props := mustUnmarshal(t, f.GetProperties())
	if !props["password"].IsSecret() || stringOf(t, props, "password") != "pw-db-test-1" || stringOf(t, props, "name") != "db-test" {
		t.Errorf("partial state: %v", props)
	}
	containsAll(t, strings.Join(f.GetReasons(), " "), "cancelled", ids[0], "creating")

	// After Cancel the provider refuses to start new waits at once.
	_, _, err := createCluster(context.Background(), t, s, with(inputs, "name", "db-other"), false)
	if err == nil {
		t.Error("a create after Cancel succeeded")
	}
}

func TestRequestContextCancellationAlsoStopsTheWait(t *testing.T) {
	s, fake := newTestProvider(t)
	fake.GetsUntilOnline = 1 << 30
	inputs, _ := checkCluster(t, s, nil, baseInputs())
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var err error
	wg.Add(1)
	go func() {
		defer wg.Done()
		_, _, err = createCluster(ctx, t, s, inputs, false)
	}()
	for len(fake.Calls(true)) < 3 {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	if f := initFailed(t, err); f.GetId() == "" {
		t.Error("no id in the partial create")
	}
}

func TestCreateTimeoutIsAPartialCreateToo(t *testing.T) {
	s, fake := newTestProvider(t)
	fake.GetsUntilOnline = 1 << 30
	inputs, _ := checkCluster(t, s, nil, baseInputs())
	resp, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: testURN, Type: clusterToken,
		Properties: mustMarshal(t, inputs), Timeout: 0.05})
	if err == nil {
		t.Fatalf("no timeout: %v", resp)
	}
	f := initFailed(t, err)
	containsAll(t, strings.Join(f.GetReasons(), " "), "Timeout waiting to database cluster to become online")
}

// ---- Diff

func TestDiffReplaceKeys(t *testing.T) {
	s, _ := newTestProvider(t)
	inputs, id, outs := mustCreate(t, s, baseInputs())
	_ = id
	for key, value := range map[string]any{
		"name": "db-renamed", "engine": "mysql", "privateNetworkUuid": "0f7bcd1b-0000-0000-0000-000000000000",
		"projectId": "11111111-0000-0000-0000-000000000000",
	} {
		news, _ := checkCluster(t, s, inputs, with(inputs, key, value))
		d := diffCluster(t, s, inputs, outs, news)
		if d.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || strings.Join(d.GetReplaces(), ",") != key {
			t.Errorf("%s: changes %v replaces %v", key, d.GetChanges(), d.GetReplaces())
		}
		if d.GetDetailedDiff()[key].GetKind() != pulumirpc.PropertyDiff_UPDATE_REPLACE {
			t.Errorf("%s: detailed %v", key, d.GetDetailedDiff())
		}
		// The program names the cluster: DigitalOcean would refuse a second one of the name.
		if !d.GetDeleteBeforeReplace() {
			t.Errorf("%s: a replacement of a named cluster must delete first", key)
		}
	}
	// An autonamed cluster is created before the old one is deleted.
	auto, _ := checkCluster(t, s, nil, with(baseInputs(), "name", nil))
	news, _ := checkCluster(t, s, auto, with(baseInputs(), "name", nil, "engine", "mysql"))
	if d := diffCluster(t, s, auto, with(outs, "name", stringOf(t, auto, "name")), news); d.GetDeleteBeforeReplace() || len(d.GetReplaces()) != 1 {
		t.Errorf("autonamed: %v", d)
	}
}

func TestDiffInPlaceKeys(t *testing.T) {
	s, _ := newTestProvider(t)
	inputs, _, outs := mustCreate(t, s, baseInputs())
	cases := map[string]resource.PropertyValue{
		"size":           resource.NewStringProperty("db-s-2vcpu-4gb"),
		"nodeCount":      resource.NewNumberProperty(3),
		"storageSizeMib": resource.NewStringProperty("20480"),
		"region":         resource.NewStringProperty("fra1"),
		"version":        resource.NewStringProperty("17"),
		"tags":           strList([]string{"dbplane"}),
		"maintenanceWindows": resource.NewArrayProperty([]resource.PropertyValue{resource.NewObjectProperty(resource.PropertyMap{
			"day": resource.NewStringProperty("monday"), "hour": resource.NewStringProperty("13:00")})}),
		"storageAutoscale": resource.NewObjectProperty(resource.PropertyMap{"enabled": resource.NewBoolProperty(true)}),
	}
	for key, v := range cases {
		news, failures := checkCluster(t, s, inputs, with(inputs, key, v))
		if len(failures) > 0 {
			t.Fatalf("%s: %v", key, failures)
		}
		d := diffCluster(t, s, inputs, outs, news)
		if d.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || len(d.GetReplaces()) != 0 ||
			strings.Join(d.GetDiffs(), ",") != key || d.GetDetailedDiff()[key] == nil || d.GetDeleteBeforeReplace() {
			t.Errorf("%s: %v", key, d)
		}
	}
	for key, v := range map[string]string{"sqlMode": "ANSI", "evictionPolicy": "allkeys_lru"} {
		engine := map[string]string{"sqlMode": "mysql", "evictionPolicy": "valkey"}[key]
		o := with(outs, "engine", engine)
		news, _ := checkCluster(t, s, inputs, with(inputs, "engine", engine, key, v))
		if d := diffCluster(t, s, inputs, o, news); strings.Join(d.GetDiffs(), ",") != key || len(d.GetReplaces()) != 0 {
			t.Errorf("%s: %v", key, d)
		}
	}
}

func TestDiffNoneWhenEqualTheOfficialWay(t *testing.T) {
	s, fake := newTestProvider(t)
	inputs, id, outs := mustCreate(t, s, with(baseInputs(), "maintenanceWindows", resource.NewArrayProperty([]resource.PropertyValue{
		resource.NewObjectProperty(resource.PropertyMap{"day": resource.NewStringProperty("monday"), "hour": resource.NewStringProperty("13:00")})})))
	if db, _ := fake.Cluster(id); db.MaintenanceWindow.Hour != "13:00:00" {
		t.Fatalf("fake answers with seconds: %v", db.MaintenanceWindow)
	}
	// Same inputs; upper-case region, tags in another order and case; no VPC/project/storage given.
	same := with(inputs, "region", "NYC1", "tags", strList([]string{"TEAM-A", "dbplane"}), "storageSizeMib", nil)
	news, _ := checkCluster(t, s, inputs, same)
	d := diffCluster(t, s, inputs, outs, news)
	if d.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE || len(d.GetDiffs()) != 0 {
		t.Errorf("want no diff: %v", d)
	}
}

func TestDiffWithUnknownsDuringPreview(t *testing.T) {
	s, _ := newTestProvider(t)
	inputs, _, outs := mustCreate(t, s, baseInputs())
	unknownVal := resource.MakeComputed(resource.NewStringProperty(""))
	news, _ := checkCluster(t, s, inputs, with(inputs, "size", unknownVal))
	if d := diffCluster(t, s, inputs, outs, news); d.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || len(d.GetReplaces()) != 0 {
		t.Errorf("unknown size: %v", d)
	}
	news, _ = checkCluster(t, s, inputs, with(inputs, "privateNetworkUuid", unknownVal))
	if d := diffCluster(t, s, inputs, outs, news); d.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME ||
		strings.Join(d.GetReplaces(), ",") != "privateNetworkUuid" {
		t.Errorf("unknown VPC must replace: %v", d)
	}
}

// ---- Read

func TestReadOf404IsGone(t *testing.T) {
	s, fake := newTestProvider(t)
	inputs, id, outs := mustCreate(t, s, baseInputs())
	fake.Remove(id)
	resp, err := readClusterRPC(t, s, id, inputs, outs)
	if err != nil {
		t.Fatal(err)
	}
	if resp.GetId() != "" || resp.GetProperties() != nil || resp.GetInputs() != nil {
		t.Errorf("gone must be an empty read: %v", resp)
	}
}

func TestReadShowsDriftAndKeepsThePassword(t *testing.T) {
	s, fake := newTestProvider(t)
	inputs, id, outs := mustCreate(t, s, baseInputs())
	fake.OmitPasswordOnGet = true
	fake.Mutate(id, func(db *godo.Database) {
		db.SizeSlug, db.NumNodes, db.StorageSizeMib, db.VersionSlug = "db-s-2vcpu-4gb", 2, 30720, "17"
		db.Tags = []string{"dbplane", "added-by-hand"}
	})
	resp, err := readClusterRPC(t, s, id, inputs, outs)
	if err != nil {
		t.Fatal(err)
	}
	state, ins := mustUnmarshal(t, resp.GetProperties()), mustUnmarshal(t, resp.GetInputs())
	for _, m := range []resource.PropertyMap{state, ins} {
		if getString(m, "size") != "db-s-2vcpu-4gb" || getString(m, "nodeCount") != "2" || getString(m, "storageSizeMib") != "30720" ||
			getString(m, "version") != "17" || strings.Join(getStrings(m, "tags"), ",") != "dbplane,added-by-hand" {
			t.Errorf("drift not shown: %v", m)
		}
	}
	if resp.GetId() != id || stringOf(t, state, "password") != "pw-db-test-1" || !state["password"].IsSecret() ||
		!strings.Contains(stringOf(t, state, "uri"), ":pw-db-test-1@") {
		t.Errorf("password lost on read: %v", state)
	}
	if _, has := ins["privateNetworkUuid"]; has {
		t.Errorf("an input the program did not set appeared: %v", ins)
	}
	// The next up of the old program then resizes back.
	news, _ := checkCluster(t, s, ins, inputs)
	if d := diffCluster(t, s, ins, state, news); strings.Join(d.GetDiffs(), ",") != "version,size,nodeCount,storageSizeMib,tags" {
		t.Errorf("diff after drift: %v", d.GetDiffs())
	}
}

func TestReadForImport(t *testing.T) {
	s, _ := newTestProvider(t)
	_, id, _ := mustCreate(t, s, baseInputs())
	resp, err := readClusterRPC(t, s, id, nil, resource.PropertyMap{})
	if err != nil {
		t.Fatal(err)
	}
	ins := mustUnmarshal(t, resp.GetInputs())
	if getString(ins, "name") != "db-test" || getString(ins, "engine") != "pg" || getString(ins, "region") != "nyc1" {
		t.Errorf("import inputs: %v", ins)
	}
}

// ---- Update

func TestUpdateCallsTheRightEndpoints(t *testing.T) {
	s, fake := newTestProvider(t)
	fake.GetsUntilOnline = 2
	inputs, id, outs := mustCreate(t, s, baseInputs())
	base := len(fake.Requests())
	news, _ := checkCluster(t, s, inputs, with(inputs,
		"size", "db-s-2vcpu-4gb", "nodeCount", 2.0, "storageSizeMib", "20480",
		"region", "fra1", "version", "17", "tags", strList([]string{"dbplane", "new-tag"})))
	d := diffCluster(t, s, inputs, outs, news)
	if len(d.GetReplaces()) != 0 {
		t.Fatalf("replaces: %v", d)
	}
	got, err := updateCluster(context.Background(), t, s, id, inputs, outs, news)
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	var bodies []string
	for _, r := range fake.Requests()[base:] {
		if r.Method != http.MethodGet {
			calls = append(calls, r.String())
			bodies = append(bodies, r.Body)
		}
	}
	want := []string{
		"PUT /v2/databases/" + id + "/resize",
		"PUT /v2/databases/" + id + "/migrate",
		"PUT /v2/databases/" + id + "/upgrade",
		"DELETE /v2/tags/team-a/resources",
		"POST /v2/tags",
		"POST /v2/tags/new-tag/resources",
	}
	if strings.Join(calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
	containsAll(t, bodies[0], `"size":"db-s-2vcpu-4gb"`, `"num_nodes":2`, `"storage_size_mib":20480`)
	containsAll(t, bodies[1], `"region":"fra1"`)
	containsAll(t, bodies[2], `"version":"17"`)
	containsAll(t, bodies[4], `"name":"new-tag"`)
	containsAll(t, bodies[5], `"resource_id":"`+id+`"`, `"resource_type":"database"`)
	// resize and migrate each waited for online
	db, _ := fake.Cluster(id)
	if db.Status != "online" || getString(got, "size") != "db-s-2vcpu-4gb" || getString(got, "region") != "fra1" ||
		getString(got, "version") != "17" || strings.Join(getStrings(got, "tags"), ",") != "dbplane,new-tag" {
		t.Errorf("after update: status %s, state %v", db.Status, got)
	}
	if !got["password"].IsSecret() || stringOf(t, got, "password") != "pw-db-test-1" {
		t.Errorf("password after update: %v", got["password"])
	}
}

func TestUpdateSettingsEndpoints(t *testing.T) {
	s, fake := newTestProvider(t)
	mysql := with(baseInputs(), "engine", "mysql", "version", "8")
	inputs, id, outs := mustCreate(t, s, mysql)
	base := len(fake.Requests())
	news, failures := checkCluster(t, s, inputs, with(inputs,
		"sqlMode", "ANSI,TRADITIONAL",
		"maintenanceWindows", resource.NewArrayProperty([]resource.PropertyValue{resource.NewObjectProperty(resource.PropertyMap{
			"day": resource.NewStringProperty("friday"), "hour": resource.NewStringProperty("13:00")})}),
		"storageAutoscale", resource.NewObjectProperty(resource.PropertyMap{"enabled": resource.NewBoolProperty(true),
			"thresholdPercent": resource.NewNumberProperty(80), "incrementGib": resource.NewNumberProperty(10)})))
	if len(failures) > 0 {
		t.Fatal(failures)
	}
	got, err := updateCluster(context.Background(), t, s, id, inputs, outs, news)
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	for _, r := range fake.Requests()[base:] {
		calls = append(calls, r.String())
	}
	joined := strings.Join(calls, ",")
	containsAll(t, joined, "PUT /v2/databases/"+id+"/maintenance", "PUT /v2/databases/"+id+"/sql_mode",
		"PUT /v2/databases/"+id+"/autoscale", "GET /v2/databases/"+id+"/sql_mode")
	if getString(got, "sqlMode") != "ANSI,TRADITIONAL" || !got["storageAutoscale"].IsObject() {
		t.Errorf("state: %v", got)
	}
	// maintenance answered as 13:00:00 is no diff against 13:00
	again, _ := checkCluster(t, s, news, news)
	if d := diffCluster(t, s, news, got, again); d.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("diff after update: %v", d.GetDiffs())
	}
}

func TestUpdateCancelledDuringResizeIsPartial(t *testing.T) {
	s, fake := newTestProvider(t)
	inputs, id, outs := mustCreate(t, s, baseInputs())
	fake.GetsUntilOnline = 1 << 30
	news, _ := checkCluster(t, s, inputs, with(inputs, "size", "db-s-2vcpu-4gb"))
	go func() {
		for count(fake.Calls(false), "PUT /v2/databases/"+id+"/resize") == 0 {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(30 * time.Millisecond)
		_, _ = s.Cancel(context.Background(), &emptypb.Empty{})
	}()
	_, err := updateCluster(context.Background(), t, s, id, inputs, outs, news)
	f := initFailed(t, err)
	props := mustUnmarshal(t, f.GetProperties())
	if f.GetId() != id || getString(props, "size") != "db-s-2vcpu-4gb" || !props["password"].IsSecret() {
		t.Errorf("partial update: %v %v", f.GetId(), props)
	}
}

func TestUpdateWithNothingToSendWaitsForAHalfCreatedCluster(t *testing.T) {
	s, fake := newTestProvider(t)
	fake.GetsUntilOnline = 1 << 30
	inputs, _ := checkCluster(t, s, nil, baseInputs())
	resp, err := s.Create(context.Background(), &pulumirpc.CreateRequest{Urn: testURN, Type: clusterToken,
		Properties: mustMarshal(t, inputs), Timeout: 0.05})
	if err == nil {
		t.Fatalf("expected a timeout: %v", resp)
	}
	f := initFailed(t, err)
	state := mustUnmarshal(t, f.GetProperties())
	// The engine records it; the next up calls Update (init errors) with the same inputs, and by
	// then the cluster comes online after two more GETs.
	fake.SetGetsUntilOnline(f.GetId(), 2)
	got, err := updateCluster(context.Background(), t, s, f.GetId(), inputs, state, inputs)
	if err != nil {
		t.Fatal(err)
	}
	if db, _ := fake.Cluster(f.GetId()); db.Status != "online" || getString(got, "host") == "" {
		t.Errorf("not waited for online: %s %v", db.Status, got)
	}
}

// ---- Delete

func TestDeleteOf404IsAnError(t *testing.T) {
	s, fake := newTestProvider(t)
	inputs, id, outs := mustCreate(t, s, baseInputs())
	if _, err := s.Delete(context.Background(), &pulumirpc.DeleteRequest{Id: id, Urn: testURN, Type: clusterToken,
		OldInputs: mustMarshal(t, inputs), Properties: mustMarshal(t, outs)}); err != nil {
		t.Fatal(err)
	}
	if len(fake.IDs()) != 0 {
		t.Errorf("not deleted: %v", fake.IDs())
	}
	if calls := fake.Calls(true); calls[len(calls)-1] != "DELETE /v2/databases/"+id {
		t.Errorf("delete waited: %v", calls)
	}
	_, err := s.Delete(context.Background(), &pulumirpc.DeleteRequest{Id: id, Urn: testURN, Type: clusterToken,
		OldInputs: mustMarshal(t, inputs), Properties: mustMarshal(t, outs)})
	if err == nil {
		t.Fatal("a delete of a missing cluster succeeded")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error deleting database cluster: DELETE "+fake.URL+"/v2/databases/"+id+": 404",
		"could not be found")
}

func TestUnknownTypeIsRefused(t *testing.T) {
	s, _ := newTestProvider(t)
	_, err := s.Check(context.Background(), &pulumirpc.CheckRequest{Urn: "urn:pulumi:dev::p::digitalocean:index/droplet:Droplet::d",
		Type: "digitalocean:index/droplet:Droplet", News: mustMarshal(t, resource.PropertyMap{})})
	if err == nil || !strings.Contains(err.Error(), "not served") {
		t.Errorf("err = %v", err)
	}
	var pe *partialError
	if errors.As(err, &pe) {
		t.Error("unexpected partial error")
	}
}
