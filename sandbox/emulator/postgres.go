package emulator

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Backend gives pg clusters a real role and database, and the databases and login roles their
// owners add through the API. All of a cluster's roles are members of its group role; its
// databases admit only that group, so one cluster's roles cannot reach another's databases.
type Backend interface {
	// Provision creates the group, default role and default database of a new cluster;
	// ErrBackingExists if their names are taken (the caller picks another id).
	Provision(ctx context.Context, clusterID string) (Credentials, error)
	// Deprovision drops every database and role of the cluster, ending their sessions.
	Deprovision(ctx context.Context, clusterID string) error
	// CreateDatabase adds a database to the cluster, owned by its default role; ErrNameTaken if
	// the server has a database of that name.
	CreateDatabase(ctx context.Context, clusterID, name string) error
	// DropDatabase drops one of the cluster's databases, ending its sessions.
	DropDatabase(ctx context.Context, name string) error
	// CreateRole adds a login role to the cluster; ErrNameTaken if the server has a role of that name.
	CreateRole(ctx context.Context, clusterID, name, password string) error
	// DropRole drops one of the cluster's roles, ending its sessions; what it owns in the cluster's
	// databases passes to the cluster's default role.
	DropRole(ctx context.Context, clusterID, name string) error
	// SetPassword gives a role a new password.
	SetPassword(ctx context.Context, role, password string) error
}

// ErrNameTaken says that the backing server has a database or role of that name already: all
// clusters share the server's names.
var ErrNameTaken = errors.New("the name is taken on the emulator's PostgreSQL server, whose names all backed clusters share")

// ErrBackingExists says that the role or database for a cluster id exists already.
var ErrBackingExists = errors.New("the role or database for that cluster exists already")

// Credentials is how a client reaches a backed cluster.
type Credentials struct {
	Host     string
	Port     int
	User     string
	Password string
	Database string
}

// PostgresBackend keeps each pg cluster as a role and a database on one PostgreSQL server,
// reached through an admin connection (a superuser, or a role with CREATEROLE and CREATEDB).
type PostgresBackend struct {
	pool          *pgxpool.Pool
	host          string
	port          int
	serverVersion int // server_version_num
}

// NewPostgresBackend connects to the server with an admin connection URL.
func NewPostgresBackend(ctx context.Context, adminURL string) (*PostgresBackend, error) {
	cfg, err := pgxpool.ParseConfig(adminURL)
	if err != nil {
		return nil, fmt.Errorf("the PostgreSQL admin URL is not valid: %s", redactURLError(err))
	}
	cfg.MaxConns = 4
	cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	b := &PostgresBackend{pool: pool, host: cfg.ConnConfig.Host, port: int(cfg.ConnConfig.Port)}
	// Clients connect over TCP on loopback, whatever way the admin connection takes.
	if strings.HasPrefix(b.host, "/") || b.host == "localhost" || b.host == "" {
		b.host = "127.0.0.1"
	}
	var allowed bool
	err = pool.QueryRow(ctx, `select current_setting('server_version_num')::int,
		rolsuper or (rolcreaterole and rolcreatedb) from pg_roles where rolname = current_user`).Scan(&b.serverVersion, &allowed)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	if !allowed {
		pool.Close()
		return nil, errors.New("the PostgreSQL admin role needs SUPERUSER, or CREATEROLE and CREATEDB")
	}
	return b, nil
}

// redactURLError keeps a parse error of a URL from repeating the URL and its password.
func redactURLError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "postgres"); i >= 0 && strings.Contains(msg, "@") {
		return "cannot parse the URL"
	}
	return msg
}

// Close closes the admin connections.
func (b *PostgresBackend) Close() { b.pool.Close() }

// Addr is where clients reach the server.
func (b *PostgresBackend) Addr() (string, int) { return b.host, b.port }

// backingNames are the default role, default database and group role of a cluster:
// doadmin_<8 hex>, defaultdb_<8 hex> and cluster_<8 hex>.
func backingNames(clusterID string) (user, database, group string) {
	short := strings.ReplaceAll(clusterID, "-", "")
	if len(short) > 8 {
		short = short[:8]
	}
	return "doadmin_" + short, "defaultdb_" + short, "cluster_" + short
}

func ident(name string) string { return pgx.Identifier{name}.Sanitize() }

func (b *PostgresBackend) Provision(ctx context.Context, clusterID string) (Credentials, error) {
	user, database, group := backingNames(clusterID)
	var exists bool
	err := b.pool.QueryRow(ctx, `select exists(select 1 from pg_roles where rolname = $1 or rolname = $2)
		or exists(select 1 from pg_database where datname = $3)`, user, group, database).Scan(&exists)
	if err != nil {
		return Credentials{}, err
	}
	if exists {
		return Credentials{}, ErrBackingExists
	}
	if _, err := b.pool.Exec(ctx, "create role "+ident(group)+" nologin"); err != nil {
		return Credentials{}, fmt.Errorf("creating role %s: %w", group, err)
	}
	password := newPassword()
	err = b.CreateRole(ctx, clusterID, user, password)
	if err == nil {
		err = b.CreateDatabase(ctx, clusterID, database)
	}
	if err != nil {
		// The group is this cluster's: dropping what hangs on it removes only what was just made.
		_ = b.Deprovision(context.WithoutCancel(ctx), clusterID)
		return Credentials{}, err
	}
	return Credentials{Host: b.host, Port: b.port, User: user, Password: password, Database: database}, nil
}

// members are the cluster's roles and databases, found through its group role so that nothing
// the emulator's state has lost track of is left behind.
func (b *PostgresBackend) members(ctx context.Context, group string) (roles, databases []string, err error) {
	rows, err := b.pool.Query(ctx, `select r.rolname from pg_auth_members m
		join pg_roles r on r.oid = m.member join pg_roles g on g.oid = m.roleid where g.rolname = $1`, group)
	if err != nil {
		return nil, nil, err
	}
	if roles, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		return nil, nil, err
	}
	rows, err = b.pool.Query(ctx, `select d.datname from pg_database d
		where exists(select 1 from aclexplode(d.datacl) a join pg_roles g on g.oid = a.grantee where g.rolname = $1)`, group)
	if err != nil {
		return nil, nil, err
	}
	databases, err = pgx.CollectRows(rows, pgx.RowTo[string])
	return roles, databases, err
}

func (b *PostgresBackend) Deprovision(ctx context.Context, clusterID string) error {
	_, _, group := backingNames(clusterID)
	roles, databases, err := b.members(ctx, group)
	if err != nil {
		return err
	}
	var errs []error
	for _, d := range databases {
		errs = append(errs, b.DropDatabase(ctx, d))
	}
	for _, r := range roles {
		errs = append(errs, b.dropRole(ctx, r))
	}
	if _, err := b.pool.Exec(ctx, "drop role if exists "+ident(group)); err != nil {
		errs = append(errs, fmt.Errorf("dropping role %s: %w", group, err))
	}
	return errors.Join(errs...)
}

func (b *PostgresBackend) CreateDatabase(ctx context.Context, clusterID, name string) error {
	owner, _, group := backingNames(clusterID)
	if _, err := b.pool.Exec(ctx, "create database "+ident(name)+" owner "+ident(owner)); err != nil {
		if isCode(err, "42P04") { // duplicate_database
			return fmt.Errorf("database %q: %w", name, ErrNameTaken)
		}
		return fmt.Errorf("creating database %s: %w", name, err)
	}
	// Like separate clusters, only the cluster's own roles can connect.
	_, err := b.pool.Exec(ctx, "revoke connect, temporary on database "+ident(name)+" from public; "+
		"grant connect, temporary on database "+ident(name)+" to "+ident(group))
	if err != nil {
		_ = b.DropDatabase(context.WithoutCancel(ctx), name)
		return fmt.Errorf("restricting database %s: %w", name, err)
	}
	return nil
}

func (b *PostgresBackend) DropDatabase(ctx context.Context, name string) error {
	_, _ = b.pool.Exec(ctx, `select pg_terminate_backend(pid) from pg_stat_activity
		where datname = $1 and pid <> pg_backend_pid()`, name)
	drop := "drop database if exists " + ident(name)
	if b.serverVersion >= 130000 {
		drop += " with (force)"
	}
	if _, err := b.pool.Exec(ctx, drop); err != nil {
		return fmt.Errorf("dropping database %s: %w", name, err)
	}
	return nil
}

func (b *PostgresBackend) CreateRole(ctx context.Context, clusterID, name, password string) error {
	_, _, group := backingNames(clusterID)
	verifier, err := scramVerifier(password)
	if err != nil {
		return err
	}
	// The server gets a SCRAM verifier, never the password: nothing it logs can reveal it.
	if _, err := b.pool.Exec(ctx, "create role "+ident(name)+" login password '"+verifier+"' in role "+ident(group)); err != nil {
		if isCode(err, "42710") { // duplicate_object
			return fmt.Errorf("role %q: %w", name, ErrNameTaken)
		}
		return fmt.Errorf("creating role %s: %w", name, err)
	}
	return nil
}

func (b *PostgresBackend) DropRole(ctx context.Context, clusterID, name string) error {
	owner, _, group := backingNames(clusterID)
	_, databases, err := b.members(ctx, group)
	if err != nil {
		return err
	}
	// REASSIGN OWNED and DROP OWNED act in the database of the session: visit each.
	for _, d := range databases {
		if err := b.inDatabase(ctx, d, "reassign owned by "+ident(name)+" to "+ident(owner)+"; drop owned by "+ident(name)); err != nil {
			return fmt.Errorf("handing over what role %s owns in %s: %w", name, d, err)
		}
	}
	return b.dropRole(ctx, name)
}

func (b *PostgresBackend) dropRole(ctx context.Context, name string) error {
	_, _ = b.pool.Exec(ctx, `select pg_terminate_backend(pid) from pg_stat_activity
		where usename = $1 and pid <> pg_backend_pid()`, name)
	if _, err := b.pool.Exec(ctx, "drop role if exists "+ident(name)); err != nil {
		return fmt.Errorf("dropping role %s: %w", name, err)
	}
	return nil
}

// inDatabase runs sql on an admin connection of its own to database.
func (b *PostgresBackend) inDatabase(ctx context.Context, database, sql string) error {
	cfg := b.pool.Config().ConnConfig.Copy()
	cfg.Database = database
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.Exec(ctx, sql)
	return err
}

func (b *PostgresBackend) SetPassword(ctx context.Context, role, password string) error {
	verifier, err := scramVerifier(password)
	if err != nil {
		return err
	}
	if _, err := b.pool.Exec(ctx, "alter role "+ident(role)+" password '"+verifier+"'"); err != nil {
		return fmt.Errorf("setting the password of role %s: %w", role, err)
	}
	return nil
}

func isCode(err error, code string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == code
}

// scramVerifier is the SCRAM-SHA-256 verifier PostgreSQL stores for a password (RFC 5802/7677):
// SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>, all base64.
func scramVerifier(password string) (string, error) {
	const iterations = 4096
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	salted, err := pbkdf2.Key(sha256.New, password, salt, iterations, sha256.Size)
	if err != nil {
		return "", err
	}
	mac := func(key []byte, msg string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(msg))
		return h.Sum(nil)
	}
	stored := sha256.Sum256(mac(salted, "Client Key"))
	server := mac(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iterations, b64(salt), b64(stored[:]), b64(server)), nil
}
