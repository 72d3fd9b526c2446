package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil/rpcerror"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func userResource(t *testing.T, s *server) testResource {
	return testResource{t: t, s: s, token: userToken, name: "app-user"}
}

func userInputs(clusterID string) resource.PropertyMap {
	return resource.PropertyMap{"clusterId": resource.NewStringProperty(clusterID), "name": resource.NewStringProperty("app")}
}

func acls(topicPermission ...string) resource.PropertyValue {
	var list []resource.PropertyValue
	for i := 0; i < len(topicPermission); i += 2 {
		list = append(list, resource.NewObjectProperty(resource.PropertyMap{
			"topic": resource.NewStringProperty(topicPermission[i]), "permission": resource.NewStringProperty(topicPermission[i+1])}))
	}
	return resource.NewArrayProperty([]resource.PropertyValue{resource.NewObjectProperty(resource.PropertyMap{
		"acls": resource.NewArrayProperty(list)})})
}

func TestUserCreateReadDeleteAndRefreshAfterDeletion(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := userResource(t, s)
	inputs, id, outs := r.mustCreate(userInputs(cid))
	u, ok := fake.User(cid, "app")
	if id != cid+"/user/app" || !ok {
		t.Fatalf("id %q (want <cluster>/user/<name>), created %v", id, ok)
	}
	for _, k := range []string{"password", "accessCert", "accessKey"} {
		if !outs[resource.PropertyKey(k)].IsSecret() {
			t.Errorf("%s is not secret", k)
		}
	}
	if stringOf(t, outs, "password") != u.Password || getString(outs, "role") != "normal" || getString(outs, "clusterId") != cid ||
		getString(outs, "accessCert") != "" {
		t.Errorf("state %v", outs)
	}
	for _, p := range userSchema.Properties {
		if _, has := outs[resource.PropertyKey(p.Name)]; p.RequiredOutput && !has {
			t.Errorf("output %s missing", p.Name)
		}
	}
	// A GET of some engines has no password: the one of the create stays.
	fake.OmitPasswordOnGet = true
	resp, err := r.read(id, inputs, outs)
	if err != nil || resp.GetId() != id || stringOf(t, mustUnmarshal(t, resp.GetProperties()), "password") != u.Password {
		t.Fatalf("read: %v %v", resp, err)
	}
	if err := r.delete(id, inputs, outs); err != nil {
		t.Fatal(err)
	}
	if _, ok := fake.User(cid, "app"); ok {
		t.Error("not deleted")
	}
	r.requireGone(id, inputs, outs)
	err = r.delete(id, inputs, outs)
	if err == nil {
		t.Fatal("a delete of a missing user succeeded")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error deleting Database User: DELETE "+fake.URL+"/v2/databases/"+cid+"/users/app: 404")
}

// The official provider has no input for a password rotation; a reset_auth made elsewhere (the
// service calls DigitalOcean itself) shows in the next refresh.
func TestUserRefreshPicksUpAPasswordResetElsewhere(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := userResource(t, s)
	inputs, id, outs := r.mustCreate(userInputs(cid))
	fake.MutateUser(cid, "app", func(u *godo.DatabaseUser) { u.Password = "rotated-elsewhere" })
	resp, err := r.read(id, inputs, outs)
	if err != nil {
		t.Fatal(err)
	}
	state := mustUnmarshal(t, resp.GetProperties())
	if stringOf(t, state, "password") != "rotated-elsewhere" || !state["password"].IsSecret() {
		t.Errorf("refresh kept the old password: %v", state["password"])
	}
	// A password is no input: the refreshed program has nothing to change.
	news, _ := r.check(inputs, inputs)
	requireNoDiff(t, r.diff(id, mustUnmarshal(t, resp.GetInputs()), state, news))
}

func TestUserMysqlAuthPluginChangesInPlaceAndResetsThePassword(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "mysql")
	r := userResource(t, s)
	inputs, id, outs := r.mustCreate(with(userInputs(cid), "mysqlAuthPlugin", godo.SQLAuthPluginNative))
	if getString(outs, "mysqlAuthPlugin") != godo.SQLAuthPluginNative {
		t.Fatalf("state %v", outs)
	}
	news, failures := r.check(inputs, with(inputs, "mysqlAuthPlugin", godo.SQLAuthPluginCachingSHA2))
	if len(failures) > 0 {
		t.Fatal(failures)
	}
	d := r.diff(id, inputs, outs, news)
	if strings.Join(d.GetDiffs(), ",") != "mysqlAuthPlugin" || len(d.GetReplaces()) != 0 {
		t.Fatalf("diff %v", d)
	}
	base := len(fake.Requests())
	got, err := r.update(id, inputs, outs, news)
	if err != nil {
		t.Fatal(err)
	}
	reqs := fake.Requests()[base:]
	if reqs[0].String() != "POST /v2/databases/"+cid+"/users/app/reset_auth" {
		t.Fatalf("calls %v", fake.Calls(true)[base:])
	}
	containsAll(t, reqs[0].Body, `"auth_plugin":"caching_sha2_password"`)
	u, _ := fake.User(cid, "app")
	if getString(got, "mysqlAuthPlugin") != godo.SQLAuthPluginCachingSHA2 || stringOf(t, got, "password") != u.Password ||
		u.Password == stringOf(t, outs, "password") || !got["password"].IsSecret() {
		t.Errorf("after reset_auth: %v (DigitalOcean has %q)", got, u.Password)
	}
	// Removing the plugin from the program goes back to the default, which then is no change.
	unset, _ := r.check(news, with(news, "mysqlAuthPlugin", nil))
	requireNoDiff(t, r.diff(id, news, got, unset))
	native, _ := r.check(inputs, with(inputs, "mysqlAuthPlugin", nil))
	if d := r.diff(id, inputs, outs, native); strings.Join(d.GetDiffs(), ",") != "mysqlAuthPlugin" {
		t.Errorf("removing mysql_native_password must reset to the default: %v", d)
	}
}

func TestUserMysqlDefaultPluginIsNoDiff(t *testing.T) {
	s, _ := newTestProvider(t)
	cid := newCluster(t, s, "mysql")
	r := userResource(t, s)
	inputs, id, outs := r.mustCreate(userInputs(cid))
	if getString(outs, "mysqlAuthPlugin") != godo.SQLAuthPluginCachingSHA2 {
		t.Fatalf("DigitalOcean's default is in the state: %v", outs)
	}
	requireNoDiff(t, r.diff(id, inputs, outs, inputs))
}

func TestUserKafkaSettingsAndCertificates(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "kafka")
	r := userResource(t, s)
	inputs, id, outs := r.mustCreate(with(userInputs(cid), "settings", acls("events", "produce")))
	if stringOf(t, outs, "accessCert") != "cert-app" || stringOf(t, outs, "accessKey") != "key-app" || !outs["accessKey"].IsSecret() {
		t.Errorf("kafka certificate: %v", outs)
	}
	first := objects(outs["settings"])
	if len(first) != 1 || len(objects(first[0]["acls"])) != 1 || getString(objects(first[0]["acls"])[0], "id") == "" {
		t.Fatalf("settings with DigitalOcean's ACL ids: %v", outs["settings"])
	}
	// The ids DigitalOcean assigned are no change; a refresh keeps the settings a GET does not answer.
	requireNoDiff(t, r.diff(id, inputs, outs, inputs))
	resp, err := r.read(id, inputs, outs)
	if err != nil || settingsKey(mustUnmarshal(t, resp.GetProperties())["settings"]) != settingsKey(outs["settings"]) {
		t.Fatalf("refresh lost the settings: %v %v", resp, err)
	}

	news, _ := r.check(inputs, with(inputs, "settings", acls("events", "produceconsume", "audit", "consume")))
	d := r.diff(id, inputs, outs, news)
	if strings.Join(d.GetDiffs(), ",") != "settings" || len(d.GetReplaces()) != 0 {
		t.Fatalf("diff %v", d)
	}
	base := len(fake.Requests())
	got, err := r.update(id, inputs, outs, news)
	if err != nil {
		t.Fatal(err)
	}
	put := fake.Requests()[base]
	if put.Method != http.MethodPut || put.Path != "/v2/databases/"+cid+"/users/app" {
		t.Fatalf("calls %v", fake.Calls(true)[base:])
	}
	containsAll(t, put.Body, `"topic":"audit"`, `"permission":"produceconsume"`)
	if u, _ := fake.User(cid, "app"); len(u.Settings.ACL) != 2 || settingsKey(got["settings"]) != settingsKey(news["settings"]) {
		t.Errorf("after update: %v", got["settings"])
	}
	if stringOf(t, got, "accessCert") != "cert-app" {
		t.Errorf("certificate lost: %v", got)
	}
}

func TestUserReplaceOnNameAndCluster(t *testing.T) {
	s, _ := newTestProvider(t)
	cid := newCluster(t, s, "pg")
	r := userResource(t, s)
	inputs, id, outs := r.mustCreate(userInputs(cid))
	for key, value := range map[string]string{"name": "other", "clusterId": "9cc10173-e9ea-4176-9dbc-999999999999"} {
		news, _ := r.check(inputs, with(inputs, key, value))
		d := r.diff(id, inputs, outs, news)
		requireReplace(t, d, key)
		if !d.GetDeleteBeforeReplace() || d.GetDetailedDiff()[key].GetKind() != pulumirpc.PropertyDiff_UPDATE_REPLACE {
			t.Errorf("%s: %v", key, d)
		}
	}
	auto, _ := r.check(nil, with(userInputs(cid), "name", nil))
	if !strings.HasPrefix(getString(auto, "name"), "app-user-") {
		t.Errorf("autoname %q", getString(auto, "name"))
	}
}

func TestUserRefusals(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "kafka")
	r := userResource(t, s)
	_, failures := r.check(nil, with(userInputs(cid), "clusterId", nil, "mysqlAuthPlugin", "mysqlNativePassword",
		"settings", acls("", "readwrite")))
	requireFailures(t, failures, "clusterId", "mysqlAuthPlugin", "settings[0].acls[0].permission", "settings[0].acls[0].topic")
	for _, f := range failures {
		if f.GetProperty() == "mysqlAuthPlugin" {
			containsAll(t, f.GetReason(), `expected mysqlAuthPlugin to be one of ["mysql_native_password" "caching_sha2_password"], got mysqlNativePassword`)
		}
	}
	// DigitalOcean's words: the default user cannot go.
	doadmin := userResource(t, s)
	inputs := with(userInputs(cid), "name", "doadmin")
	err := doadmin.delete(cid+"/user/doadmin", inputs, inputs)
	if err == nil {
		t.Fatal("deleted doadmin")
	}
	containsAll(t, rpcerror.Convert(err).Message(), "Error deleting Database User: DELETE "+fake.URL+"/v2/databases/"+cid+"/users/doadmin: 422",
		"the default user cannot be deleted")
}

// A reset_auth that went through before a failed settings update is recorded, new password included.
func TestUserUpdateFailingAfterResetAuthIsPartial(t *testing.T) {
	s, fake := newTestProvider(t)
	cid := newCluster(t, s, "mysql")
	r := userResource(t, s)
	inputs, id, outs := r.mustCreate(userInputs(cid))
	news, _ := r.check(inputs, with(inputs, "mysqlAuthPlugin", godo.SQLAuthPluginNative, "settings", acls("events", "consume")))
	fake.Fail(http.MethodPut, "/v2/databases/"+cid+"/users/app", http.StatusUnprocessableEntity, "settings are not supported", 1)
	_, err := r.update(id, inputs, outs, news)
	f := initFailed(t, err)
	props := mustUnmarshal(t, f.GetProperties())
	u, _ := fake.User(cid, "app")
	if f.GetId() != id || getString(props, "mysqlAuthPlugin") != godo.SQLAuthPluginNative || stringOf(t, props, "password") != u.Password ||
		!props["password"].IsSecret() || u.Password == stringOf(t, outs, "password") {
		t.Errorf("partial update: %v (DigitalOcean has %q)", props, u.Password)
	}
	containsAll(t, strings.Join(f.GetReasons(), " "), "Error updating settings for DatabaseUser", "settings are not supported")
}
