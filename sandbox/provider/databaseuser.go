package main

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/digitalocean/godo"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// digitalocean:index/databaseUser:DatabaseUser, a user of a cluster, as the official provider
// v4.76.0 has it: id <cluster id>/user/<name>; clusterId and name replace it; mysqlAuthPlugin
// changes in place through DigitalOcean's reset_auth (which also gives the user a new password)
// and settings through a PUT of the user.
//
// The official provider has no input that only rotates the password: a program cannot ask for
// one. A reset_auth made elsewhere shows in the next refresh, since a GET answers the password.

const (
	userToken             = "digitalocean:index/databaseUser:DatabaseUser"
	userSettingType       = "digitalocean:index/DatabaseUserSetting:DatabaseUserSetting"
	userACLType           = "digitalocean:index/DatabaseUserSettingAcl:DatabaseUserSettingAcl"
	userOpensearchACLType = "digitalocean:index/DatabaseUserSettingOpensearchAcl:DatabaseUserSettingOpensearchAcl"
	userIDSep             = "/user/"
)

var userSchema = resourceSchema{
	Token: userToken,
	Description: "Provides a DigitalOcean database user resource (sandbox build). A new cluster has the " +
		"default admin user doadmin.",
	Properties: []property{
		{Name: "clusterId", propType: sString, Input: true, Output: true, RequiredInput: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The ID of the original source database cluster."},
		{Name: "name", propType: sString, Input: true, Output: true, RequiredOutput: true, ReplaceOnChanges: true,
			Description: "The name for the database user."},
		{Name: "mysqlAuthPlugin", propType: sString, Input: true, Output: true,
			Description: "The authentication method to use for connections to the MySQL user account: mysql_native_password or caching_sha2_password (the default)."},
		{Name: "settings", propType: propType{Type: "array", Items: &propType{Ref: userSettingType}}, Input: true, Output: true,
			Description: "Contains optional settings for the user."},
		{Name: "role", propType: sString, Output: true, RequiredOutput: true,
			Description: "Role for the database user: \"primary\" or \"normal\"."},
		{Name: "password", propType: sString, Output: true, RequiredOutput: true, Secret: true, Description: "Password for the database user."},
		{Name: "accessCert", propType: sString, Output: true, RequiredOutput: true, Secret: true,
			Description: "Access certificate for TLS client authentication. (Kafka only)"},
		{Name: "accessKey", propType: sString, Output: true, RequiredOutput: true, Secret: true,
			Description: "Access key for TLS client authentication. (Kafka only)"},
	},
	Types: []objectType{
		{Token: userSettingType, Properties: []property{
			{Name: "acls", propType: propType{Type: "array", Items: &propType{Ref: userACLType}},
				Description: "A set of ACLs (Access Control Lists) specifying permission on topics with a Kafka cluster."},
			{Name: "opensearchAcls", propType: propType{Type: "array", Items: &propType{Ref: userOpensearchACLType}}},
		}},
		{Token: userACLType, Required: []string{"permission", "topic"}, Properties: []property{
			{Name: "id", propType: sString, Description: "An identifier for the ACL, assigned by DigitalOcean."},
			{Name: "permission", propType: sString, Description: "The permission level applied to the ACL."},
			{Name: "topic", propType: sString, Description: "A regex for matching the topic(s) that this ACL should apply to."},
		}},
		{Token: userOpensearchACLType, Required: []string{"index", "permission"}, Properties: []property{
			{Name: "index", propType: sString},
			{Name: "permission", propType: sString, Description: "The permission level applied to the ACL."},
		}},
	},
}

var (
	kafkaPermissions      = []string{"admin", "consume", "produce", "produceconsume"}
	opensearchPermissions = []string{"deny", "admin", "read", "write", "readwrite"}
)

// userLocks serializes the creates and deletes of users of one cluster, as the official provider
// does: the engine runs them in parallel, DigitalOcean wants them one at a time.
var userLocks sync.Map // cluster id -> *sync.Mutex

func lockUsers(clusterID string) func() {
	m, _ := userLocks.LoadOrStore(clusterID, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock
}

type databaseUser struct{}

func (databaseUser) token() string          { return userToken }
func (databaseUser) schema() resourceSchema { return userSchema }

// ---- settings

// parseSettings reads the settings input, one DigitalOcean settings object per element.
func parseSettings(v resource.PropertyValue) []*godo.DatabaseUserSettings {
	v, _ = peel(v)
	if !v.IsArray() {
		return nil
	}
	var out []*godo.DatabaseUserSettings
	for _, e := range v.ArrayValue() {
		e, _ = peel(e)
		s := &godo.DatabaseUserSettings{}
		if e.IsObject() {
			o := e.ObjectValue()
			for _, a := range objects(o["acls"]) {
				s.ACL = append(s.ACL, &godo.KafkaACL{ID: getString(a, "id"), Topic: getString(a, "topic"), Permission: getString(a, "permission")})
			}
			for _, a := range objects(o["opensearchAcls"]) {
				s.OpenSearchACL = append(s.OpenSearchACL, &godo.OpenSearchACL{Index: getString(a, "index"), Permission: getString(a, "permission")})
			}
		}
		out = append(out, s)
	}
	return out
}

// objects are the object elements of an array value.
func objects(v resource.PropertyValue) []resource.PropertyMap {
	v, _ = peel(v)
	if !v.IsArray() {
		return nil
	}
	var out []resource.PropertyMap
	for _, e := range v.ArrayValue() {
		if e, _ := peel(e); e.IsObject() {
			out = append(out, e.ObjectValue())
		}
	}
	return out
}

// requestSettings are the settings a create or an update sends: the first element, as the
// official provider sends it.
func requestSettings(m resource.PropertyMap) *godo.DatabaseUserSettings {
	all := parseSettings(m["settings"])
	if len(all) == 0 {
		return nil
	}
	s := *all[0]
	for i := range s.ACL {
		s.ACL[i] = &godo.KafkaACL{Topic: s.ACL[i].Topic, Permission: s.ACL[i].Permission}
	}
	return &s
}

// normalizeKafkaPermission and normalizeOpensearchPermission spell DigitalOcean's answers the
// way the inputs do, as the official provider does.
func normalizeKafkaPermission(p string) string {
	switch p = strings.ToLower(p); p {
	case "admin", "produce", "consume":
		return p
	case "produceconsume", "produce_consume", "readwrite", "read_write":
		return "produceconsume"
	}
	return ""
}

func normalizeOpensearchPermission(p string) string {
	switch p = strings.ToLower(p); p {
	case "admin", "deny", "read", "write":
		return p
	case "readwrite", "read_write":
		return "readwrite"
	}
	return ""
}

// settingsValue renders DigitalOcean's settings as the settings output.
func settingsValue(s *godo.DatabaseUserSettings) resource.PropertyValue {
	acls := []resource.PropertyValue{}
	for _, a := range s.ACL {
		acls = append(acls, resource.NewObjectProperty(resource.PropertyMap{
			"id": str(a.ID), "topic": str(a.Topic), "permission": str(normalizeKafkaPermission(a.Permission))}))
	}
	osACLs := []resource.PropertyValue{}
	for _, a := range s.OpenSearchACL {
		osACLs = append(osACLs, resource.NewObjectProperty(resource.PropertyMap{
			"index": str(a.Index), "permission": str(normalizeOpensearchPermission(a.Permission))}))
	}
	return resource.NewArrayProperty([]resource.PropertyValue{resource.NewObjectProperty(resource.PropertyMap{
		"acls": resource.NewArrayProperty(acls), "opensearchAcls": resource.NewArrayProperty(osACLs)})})
}

// settingsOutput is the settings of the state after a create or an update: DigitalOcean's answer
// when it says something or the program set settings, else the program's (a GET has none).
func settingsOutput(answer *godo.DatabaseUserSettings, configured resource.PropertyMap) resource.PropertyValue {
	set := present(configured, "settings")
	if answer != nil && (set || len(answer.ACL) > 0 || len(answer.OpenSearchACL) > 0) {
		return settingsValue(answer)
	}
	if set {
		return plain(configured["settings"])
	}
	return resource.NewNullProperty()
}

// settingsKey is settings as the official provider compares them: without the ACL ids DigitalOcean
// assigns, permissions normalized.
func settingsKey(v resource.PropertyValue) string {
	var b strings.Builder
	for _, s := range parseSettings(v) {
		b.WriteString("[")
		for _, a := range s.ACL {
			fmt.Fprintf(&b, "acl(%q,%q)", a.Topic, normalizeKafkaPermission(a.Permission))
		}
		for _, a := range s.OpenSearchACL {
			fmt.Fprintf(&b, "os(%q,%q)", a.Index, normalizeOpensearchPermission(a.Permission))
		}
		b.WriteString("]")
	}
	return b.String()
}

func sameUserValue(key string, ov, nv resource.PropertyValue) bool {
	switch key {
	case "mysqlAuthPlugin":
		o, _ := asString(ov)
		n, _ := asString(nv)
		// The official DiffSuppressFunc: the default is no change when the program sets none.
		return o == n || (o == godo.SQLAuthPluginCachingSHA2 && n == "")
	case "settings":
		return settingsKey(ov) == settingsKey(nv)
	}
	return sameDeep(key, ov, nv)
}

// ---- Check, Diff

func (databaseUser) check(req checkRequest) (resource.PropertyMap, []*pulumirpc.CheckFailure, error) {
	news := req.News.Copy()
	failures := checkTypes(userSchema, news)
	failures = append(failures, defaultName(req, news)...)
	failures = append(failures, missingInputs(news, "clusterId")...)
	failures = append(failures, emptyStrings(news, "clusterId", "name")...)
	if known(news, "mysqlAuthPlugin") {
		failures = append(failures, notOneOf("mysqlAuthPlugin", news["mysqlAuthPlugin"], godo.SQLAuthPluginNative, godo.SQLAuthPluginCachingSHA2)...)
	}
	for i, s := range objects(news["settings"]) {
		for j, a := range objects(s["acls"]) {
			path := fmt.Sprintf("settings[%d].acls[%d]", i, j)
			failures = append(failures, notOneOf(path+".permission", a["permission"], kafkaPermissions...)...)
			failures = append(failures, emptyString(path+".topic", a["topic"])...)
		}
		for j, a := range objects(s["opensearchAcls"]) {
			path := fmt.Sprintf("settings[%d].opensearchAcls[%d]", i, j)
			failures = append(failures, notOneOf(path+".permission", a["permission"], opensearchPermissions...)...)
			failures = append(failures, emptyString(path+".index", a["index"])...)
		}
	}
	return news, failures, nil
}

func (databaseUser) diff(req diffRequest) (*pulumirpc.DiffResponse, error) {
	changes := inputChanges(userSchema, oldState(req.OldOutputs, req.OldInputs), req.News, req.IgnoreChanges, sameUserValue)
	return diffResponse(userSchema, changes, req.News), nil
}

// ---- outputs

// userOutputs renders DigitalOcean's user as the state. old is the state so far: a GET of a
// MongoDB user has no password, and Kafka's certificate and key come only once, so those are kept.
func userOutputs(ref childRef, u *godo.DatabaseUser, old, configured resource.PropertyMap, settings resource.PropertyValue) resource.PropertyMap {
	or := func(v, key string) string {
		if v != "" {
			return v
		}
		return getString(old, key)
	}
	role := u.Role
	if role == "" {
		role = "normal"
	}
	outs := childRef{ClusterID: ref.ClusterID, Name: u.Name}.outputs()
	outs["role"] = str(role)
	outs["password"] = resource.MakeSecret(str(or(u.Password, "password")))
	outs["accessCert"] = resource.MakeSecret(str(or(u.AccessCert, "accessCert")))
	outs["accessKey"] = resource.MakeSecret(str(or(u.AccessKey, "accessKey")))
	if u.MySQLSettings != nil {
		outs["mysqlAuthPlugin"] = str(u.MySQLSettings.AuthPlugin)
	} else if present(configured, "mysqlAuthPlugin") {
		outs["mysqlAuthPlugin"] = plain(configured["mysqlAuthPlugin"])
	}
	if !settings.IsNull() {
		outs["settings"] = settings
	}
	annotateSecrets(outs, configured)
	return outs
}

// readUser GETs the user; nil outputs mean 404 (gone).
func readUser(ctx context.Context, c *godo.Client, ref childRef, old, configured resource.PropertyMap, settings resource.PropertyValue) (resource.PropertyMap, error) {
	u, resp, err := c.Databases.GetUser(ctx, ref.ClusterID, ref.Name)
	if isNotFound(resp) {
		return nil, nil
	}
	if err == nil {
		err = answered(u, "user")
	}
	if err != nil {
		return nil, apiError(ctx, "Error retrieving Database User", err)
	}
	return userOutputs(ref, u, old, configured, settings), nil
}

// ---- Create, Read, Update, Delete

func (databaseUser) create(ctx context.Context, env *opEnv, req createRequest) (string, resource.PropertyMap, error) {
	if req.Preview {
		return "", plannedOutputs(userSchema, req.Inputs), nil
	}
	ref := refOf(req.Inputs)
	opts := &godo.DatabaseCreateUserRequest{Name: ref.Name, Settings: requestSettings(req.Inputs)}
	if plugin := getString(req.Inputs, "mysqlAuthPlugin"); plugin != "" {
		opts.MySQLSettings = &godo.DatabaseMySQLUserSettings{AuthPlugin: plugin}
	}
	unlock := lockUsers(ref.ClusterID)
	u, _, err := env.client.Databases.CreateUser(ctx, ref.ClusterID, opts)
	unlock()
	if err == nil {
		err = answered(u, "user")
	}
	if err != nil {
		return "", nil, apiError(ctx, "Error creating Database User", err)
	}
	ref.Name = u.Name
	logf("created database user %s of cluster %s", ref.Name, ref.ClusterID)
	// The create answer is the state, as the official provider takes it (with the settings, which
	// a GET does not answer).
	return ref.id(userIDSep), userOutputs(ref, u, nil, req.Inputs, settingsOutput(u.Settings, req.Inputs)), nil
}

func (databaseUser) read(ctx context.Context, env *opEnv, req readRequest) (readResult, error) {
	ref, err := parseChildRef(req.ID, userIDSep, req.State)
	if err != nil {
		return readResult{}, err
	}
	configured := req.Inputs
	if len(configured) == 0 {
		configured = req.State
	}
	settings := resource.NewNullProperty()
	if present(req.State, "settings") {
		settings = plain(req.State["settings"])
	}
	outs, err := readUser(ctx, env.client, ref, req.State, configured, settings)
	if err != nil || outs == nil {
		return readResult{}, err
	}
	annotateSecrets(outs, req.State)
	return readResult{ID: ref.id(userIDSep), Outputs: outs,
		Inputs: refreshedInputs(userSchema, req.Inputs, outs, []string{"clusterId", "name"}, sameUserValue)}, nil
}

func (databaseUser) update(ctx context.Context, env *opEnv, req updateRequest) (resource.PropertyMap, error) {
	if err := refuseReplaceOnly(userSchema, "Database User", req, sameUserValue); err != nil {
		return nil, err
	}
	olds, news := oldState(req.OldOutputs, req.OldInputs), req.News
	if req.Preview {
		outs := olds.Copy()
		for k, v := range news {
			if !isInternalKey(k) {
				outs[k] = v
			}
		}
		return outs, nil
	}
	changed := map[string]bool{}
	for _, c := range inputChanges(userSchema, olds, news, nil, sameUserValue) {
		changed[c.Key] = true
	}
	ref, c := refOf(olds), env.client
	// What has been done so far, for a partial update: the old state with what DigitalOcean took.
	applied := olds.Copy()
	mutated := false
	fail := func(what string, err error) error {
		err = apiError(ctx, what, err)
		if !mutated {
			return err
		}
		return &partialError{ID: req.ID, Outputs: applied, Reason: err}
	}

	if changed["mysqlAuthPlugin"] {
		plugin := getString(news, "mysqlAuthPlugin")
		if plugin == "" {
			plugin = godo.SQLAuthPluginCachingSHA2 // removed from the program: back to the default
		}
		u, _, err := c.Databases.ResetUserAuth(ctx, ref.ClusterID, ref.Name,
			&godo.DatabaseResetUserAuthRequest{MySQLSettings: &godo.DatabaseMySQLUserSettings{AuthPlugin: plugin}})
		if err != nil {
			return nil, fail("Error updating mysql_auth_plugin for DatabaseUser", err)
		}
		mutated = true
		applied["mysqlAuthPlugin"] = str(plugin)
		if u != nil && u.Password != "" {
			applied["password"] = resource.MakeSecret(str(u.Password))
		}
	}
	settings := resource.NewNullProperty()
	if present(olds, "settings") {
		settings = plain(olds["settings"])
	}
	if changed["settings"] {
		u, _, err := c.Databases.UpdateUser(ctx, ref.ClusterID, ref.Name, &godo.DatabaseUpdateUserRequest{Settings: requestSettings(news)})
		if err != nil {
			return nil, fail("Error updating settings for DatabaseUser", err)
		}
		mutated = true
		var answer *godo.DatabaseUserSettings
		if u != nil {
			answer = u.Settings
		}
		settings = settingsOutput(answer, news)
		applied["settings"] = settings
	}
	outs, err := readUser(ctx, c, ref, applied, news, settings)
	if err == nil && outs == nil {
		err = fmt.Errorf("Error updating Database User: %s no longer exists (refresh the stack)", req.ID)
	}
	if err != nil {
		if mutated {
			return nil, &partialError{ID: req.ID, Outputs: applied, Reason: err}
		}
		return nil, err
	}
	annotateSecrets(outs, olds)
	return outs, nil
}

func (databaseUser) delete(ctx context.Context, env *opEnv, req deleteRequest) error {
	ref := refOf(oldState(req.Outputs, req.Inputs))
	defer lockUsers(ref.ClusterID)()
	if _, err := env.client.Databases.DeleteUser(ctx, ref.ClusterID, ref.Name); err != nil {
		return apiError(ctx, "Error deleting Database User", err)
	}
	logf("deleted database user %s of cluster %s", ref.Name, ref.ClusterID)
	return nil
}
