package emulator

import (
	"net/http"
	"strings"
	"testing"

	"github.com/digitalocean/godo"
)

func TestMaintenanceWindow(t *testing.T) {
	e := newEnv(t)
	db := e.create(pgRequest("maint"))
	resp, err := e.client.Databases.UpdateMaintenance(ctx, db.ID, &godo.DatabaseUpdateMaintenanceRequest{Day: "Tuesday", Hour: "14:00"})
	if err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("%v %v", resp, err)
	}
	mw := e.get(db.ID).MaintenanceWindow
	if mw == nil || mw.Day != "tuesday" || mw.Hour != "14:00:00" || mw.Pending {
		t.Fatalf("window %+v", mw)
	}
	r, body := e.do("GET", "/v2/databases/"+db.ID+"/maintenance", nil, testToken)
	if r.StatusCode != 200 || !strings.Contains(string(body), `"maintenance_window":{"day":"tuesday","hour":"14:00:00"`) {
		t.Fatalf("GET maintenance: %d %s", r.StatusCode, body)
	}
	for _, c := range []struct{ day, hour, want string }{
		{"", "14:00", "day is required"},
		{"someday", "14:00", `day "someday" is invalid`},
		{"monday", "", "hour is required"},
		{"monday", "25:00", `hour "25:00" is invalid`},
		{"monday", "2pm", "is invalid"},
	} {
		_, err := e.client.Databases.UpdateMaintenance(ctx, db.ID, &godo.DatabaseUpdateMaintenanceRequest{Day: c.day, Hour: c.hour})
		apiErr(t, err, 422, c.want)
	}
}

func TestEvictionPolicySQLModeAutoscale(t *testing.T) {
	e := newEnv(t)
	redis := e.create(&godo.DatabaseCreateRequest{Name: "cache", EngineSlug: "redis", SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1})
	valkey := e.create(&godo.DatabaseCreateRequest{Name: "cache2", EngineSlug: "valkey", SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1})
	mysql := e.create(&godo.DatabaseCreateRequest{Name: "shop", EngineSlug: "mysql", SizeSlug: "db-s-1vcpu-1gb", Region: "nyc3", NumNodes: 1})
	pg := e.create(pgRequest("rel"))

	for _, id := range []string{redis.ID, valkey.ID} {
		p, _, err := e.client.Databases.GetEvictionPolicy(ctx, id)
		if err != nil || p != "noeviction" {
			t.Fatalf("default policy %q %v", p, err)
		}
		if resp, err := e.client.Databases.SetEvictionPolicy(ctx, id, godo.EvictionPolicyAllKeysLRU); err != nil || resp.StatusCode != 204 {
			t.Fatalf("set policy: %v", err)
		}
		if p, _, _ := e.client.Databases.GetEvictionPolicy(ctx, id); p != "allkeys_lru" {
			t.Fatalf("policy %q", p)
		}
		_, err = e.client.Databases.SetEvictionPolicy(ctx, id, "sometimes")
		apiErr(t, err, 422, `eviction_policy "sometimes" is invalid`)
	}
	_, _, err := e.client.Databases.GetEvictionPolicy(ctx, pg.ID)
	apiErr(t, err, 422, "eviction_policy is only supported for redis and valkey clusters")

	mode, _, err := e.client.Databases.GetSQLMode(ctx, mysql.ID)
	if err != nil || mode != defaultSQLMode {
		t.Fatalf("default sql mode %q %v", mode, err)
	}
	if resp, err := e.client.Databases.SetSQLMode(ctx, mysql.ID, godo.SQLModeANSI, godo.SQLModeStrictAllTables); err != nil || resp.StatusCode != 204 {
		t.Fatalf("set sql mode: %v", err)
	}
	if mode, _, _ := e.client.Databases.GetSQLMode(ctx, mysql.ID); mode != "ANSI,STRICT_ALL_TABLES" {
		t.Fatalf("sql mode %q", mode)
	}
	_, err = e.client.Databases.SetSQLMode(ctx, mysql.ID, "ANSI", "NOT_A_MODE")
	apiErr(t, err, 422, `unknown mode "NOT_A_MODE"`)
	_, _, err = e.client.Databases.GetSQLMode(ctx, pg.ID)
	apiErr(t, err, 422, "sql_mode is only supported for mysql clusters")

	as, _, err := e.client.Databases.GetStorageAutoscale(ctx, pg.ID)
	if err != nil || as == nil || as.Enabled {
		t.Fatalf("default autoscale %+v %v", as, err)
	}
	resp, err := e.client.Databases.UpdateStorageAutoscale(ctx, pg.ID, &godo.DatabaseStorageAutoscale{
		Enabled: true, ThresholdPercent: godo.PtrTo(80), IncrementGib: godo.PtrTo(uint64(10)),
	})
	if err != nil || resp.StatusCode != 204 {
		t.Fatalf("set autoscale: %v", err)
	}
	as, _, _ = e.client.Databases.GetStorageAutoscale(ctx, pg.ID)
	if !as.Enabled || *as.ThresholdPercent != 80 || *as.IncrementGib != 10 {
		t.Fatalf("autoscale %+v", as)
	}
	if got := e.get(pg.ID); got.StorageAutoscale == nil || !got.StorageAutoscale.Enabled {
		t.Fatalf("database storage_autoscale %+v", got.StorageAutoscale)
	}
	r, body := e.do("GET", "/v2/databases/"+pg.ID+"/autoscale", nil, testToken)
	if r.StatusCode != 200 || !strings.Contains(string(body), `"autoscale":{"storage":{"enabled":true`) {
		t.Fatalf("documented autoscale shape: %s", body)
	}
	_, err = e.client.Databases.UpdateStorageAutoscale(ctx, pg.ID, &godo.DatabaseStorageAutoscale{Enabled: true, IncrementGib: godo.PtrTo(uint64(501))})
	apiErr(t, err, 422, "increment_gib 501 is out of range")
	_, _, err = e.client.Databases.GetStorageAutoscale(ctx, redis.ID)
	apiErr(t, err, 422, "not supported for engine redis")
}
