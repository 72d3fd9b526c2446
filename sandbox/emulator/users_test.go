package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/digitalocean/godo"
)

func TestUsersOfACluster(t *testing.T) {
	e := newEnv(t)
	db := e.create(pgRequest("with-users"))

	users, _, err := e.client.Databases.ListUsers(ctx, db.ID, nil)
	if err != nil || len(users) != 1 || users[0].Name != "doadmin" || users[0].Role != "primary" || users[0].Password != db.Connection.Password {
		t.Fatalf("list %+v %v", users, err)
	}
	app, resp, err := e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: "app"})
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create: %v %v", resp, err)
	}
	if app.Name != "app" || app.Role != "normal" || len(app.Password) != 24 || app.Password == db.Connection.Password || app.MySQLSettings != nil {
		t.Fatalf("created %+v", app)
	}
	got, _, err := e.client.Databases.GetUser(ctx, db.ID, "app")
	if err != nil || *got != *app {
		t.Fatalf("get %+v %v", got, err)
	}
	if us := e.get(db.ID).Users; len(us) != 2 || us[1].Name != "app" || us[1].Password != app.Password {
		t.Fatalf("the cluster's users %+v", us)
	}

	_, _, err = e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: "app"})
	apiErr(t, err, 422, `the cluster has a user "app" already`)
	_, _, err = e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: "doadmin"})
	apiErr(t, err, 422, "already")
	for name, want := range map[string]string{"": "name is required", "pg_reader": "reserves names starting with pg_", "a b": "letters, digits", "-x": "starts with"} {
		_, _, err = e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: name})
		apiErr(t, err, 422, want)
	}

	// reset_auth gives a new password; the default user's is the cluster's connection password.
	reset, resp, err := e.client.Databases.ResetUserAuth(ctx, db.ID, "app", &godo.DatabaseResetUserAuthRequest{})
	if err != nil || resp.StatusCode != http.StatusOK || reset.Name != "app" || reset.Role != "normal" || reset.Password == app.Password {
		t.Fatalf("reset: %+v %v %v", reset, resp, err)
	}
	admin, _, err := e.client.Databases.ResetUserAuth(ctx, db.ID, "doadmin", &godo.DatabaseResetUserAuthRequest{})
	if err != nil || admin.Password == db.Connection.Password || admin.Role != "primary" {
		t.Fatalf("reset doadmin: %+v %v", admin, err)
	}
	if c := e.get(db.ID).Connection; c.Password != admin.Password || !strings.Contains(c.URI, ":"+admin.Password+"@") {
		t.Fatalf("the connection kept the old password: %+v", c)
	}
	_, _, err = e.client.Databases.ResetUserAuth(ctx, db.ID, "nobody", &godo.DatabaseResetUserAuthRequest{})
	apiErr(t, err, 404, "could not be found")

	// A PUT changes the settings only.
	settings := &godo.DatabaseUserSettings{ACL: []*godo.KafkaACL{{Topic: "t", Permission: "read"}}}
	updated, resp, err := e.client.Databases.UpdateUser(ctx, db.ID, "app", &godo.DatabaseUpdateUserRequest{Settings: settings})
	if err != nil || resp.StatusCode != http.StatusCreated || updated.Settings == nil || updated.Settings.ACL[0].Topic != "t" || updated.Password != reset.Password {
		t.Fatalf("update: %+v %v", updated, err)
	}

	_, err = e.client.Databases.DeleteUser(ctx, db.ID, "doadmin")
	apiErr(t, err, 422, "default user")
	resp, err = e.client.Databases.DeleteUser(ctx, db.ID, "app")
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %v %v", resp, err)
	}
	_, _, err = e.client.Databases.GetUser(ctx, db.ID, "app")
	apiErr(t, err, 404, "could not be found")
	_, err = e.client.Databases.DeleteUser(ctx, db.ID, "app")
	apiErr(t, err, 404, "could not be found")

	// DigitalOcean does not paginate users.
	if r, body := e.do("GET", "/v2/databases/"+db.ID+"/users?page=2&per_page=1", nil, testToken); r.StatusCode != 200 ||
		strings.Contains(string(body), `"links"`) || !strings.Contains(string(body), `"doadmin"`) {
		t.Fatalf("list: %d %s", r.StatusCode, body)
	}

	for _, engine := range []string{"redis", "valkey"} {
		c := e.create(&godo.DatabaseCreateRequest{Name: uniqueName(engine), EngineSlug: engine, SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1})
		_, _, err := e.client.Databases.ListUsers(ctx, c.ID, nil)
		apiErr(t, err, 422, "users are not supported for "+engine+" clusters")
		_, _, err = e.client.Databases.CreateUser(ctx, c.ID, &godo.DatabaseCreateUserRequest{Name: "x"})
		apiErr(t, err, 422, "not supported")
	}
}

func TestMySQLUserAuthPlugin(t *testing.T) {
	e := newEnv(t)
	req := pgRequest("mysql-users")
	req.EngineSlug, req.Version = "mysql", "8"
	db := e.create(req)
	if u := db.Users[0]; u.MySQLSettings == nil || u.MySQLSettings.AuthPlugin != "caching_sha2_password" {
		t.Fatalf("default user %+v", u)
	}
	native, _, err := e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{
		Name: "legacy", MySQLSettings: &godo.DatabaseMySQLUserSettings{AuthPlugin: "mysql_native_password"},
	})
	if err != nil || native.MySQLSettings.AuthPlugin != "mysql_native_password" {
		t.Fatalf("create: %+v %v", native, err)
	}
	plain, _, err := e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{Name: "modern"})
	if err != nil || plain.MySQLSettings.AuthPlugin != "caching_sha2_password" {
		t.Fatalf("create: %+v %v", plain, err)
	}
	_, _, err = e.client.Databases.CreateUser(ctx, db.ID, &godo.DatabaseCreateUserRequest{
		Name: "odd", MySQLSettings: &godo.DatabaseMySQLUserSettings{AuthPlugin: "sha256_password"},
	})
	apiErr(t, err, 422, `mysql_settings.auth_plugin "sha256_password" is invalid`)

	reset, _, err := e.client.Databases.ResetUserAuth(ctx, db.ID, "legacy", &godo.DatabaseResetUserAuthRequest{
		MySQLSettings: &godo.DatabaseMySQLUserSettings{AuthPlugin: "caching_sha2_password"},
	})
	if err != nil || reset.MySQLSettings.AuthPlugin != "caching_sha2_password" || reset.Password == native.Password {
		t.Fatalf("reset: %+v %v", reset, err)
	}
	// Without mysql_settings the plugin stays.
	again, _, err := e.client.Databases.ResetUserAuth(ctx, db.ID, "legacy", &godo.DatabaseResetUserAuthRequest{})
	if err != nil || again.MySQLSettings.AuthPlugin != "caching_sha2_password" {
		t.Fatalf("reset: %+v %v", again, err)
	}
	r, body := e.do("GET", "/v2/databases/"+db.ID+"/users/legacy", nil, testToken)
	var raw struct {
		User map[string]json.RawMessage `json:"user"`
	}
	mustUnmarshal(t, body, &raw)
	if r.StatusCode != 200 || string(raw.User["mysql_settings"]) != `{"auth_plugin":"caching_sha2_password"}` {
		t.Fatalf("%d %s", r.StatusCode, body)
	}
}
