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
	"github.com/jackc/pgx/v5/pgxpool"
)

// Backend gives pg clusters a real role and database.
type Backend interface {
	// Provision creates the role and database of a new cluster; ErrBackingExists if its names are
	// taken (the caller picks another id).
	Provision(ctx context.Context, clusterID string) (Credentials, error)
	// Deprovision drops them again, ending their sessions.
	Deprovision(ctx context.Context, c Credentials) error
}

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

// backingNames are the role and database of a cluster: doadmin_<8 hex> and defaultdb_<8 hex>.
func backingNames(clusterID string) (user, database string) {
	short := strings.ReplaceAll(clusterID, "-", "")
	if len(short) > 8 {
		short = short[:8]
	}
	return "doadmin_" + short, "defaultdb_" + short
}

func (b *PostgresBackend) Provision(ctx context.Context, clusterID string) (Credentials, error) {
	user, database := backingNames(clusterID)
	var exists bool
	err := b.pool.QueryRow(ctx, `select exists(select 1 from pg_roles where rolname = $1)
		or exists(select 1 from pg_database where datname = $2)`, user, database).Scan(&exists)
	if err != nil {
		return Credentials{}, err
	}
	if exists {
		return Credentials{}, ErrBackingExists
	}
	password := newPassword()
	// The server gets a SCRAM verifier, never the password: nothing it logs can reveal it.
	verifier, err := scramVerifier(password)
	if err != nil {
		return Credentials{}, err
	}
	role := pgx.Identifier{user}.Sanitize()
	db := pgx.Identifier{database}.Sanitize()
	if _, err := b.pool.Exec(ctx, "create role "+role+" login password '"+verifier+"'"); err != nil {
		return Credentials{}, fmt.Errorf("creating role %s: %w", user, err)
	}
	if _, err := b.pool.Exec(ctx, "create database "+db+" owner "+role); err != nil {
		_, _ = b.pool.Exec(context.WithoutCancel(ctx), "drop role if exists "+role)
		return Credentials{}, fmt.Errorf("creating database %s: %w", database, err)
	}
	// Like separate clusters, one cluster's role cannot connect to another's database.
	if _, err := b.pool.Exec(ctx, "revoke connect, temporary on database "+db+" from public"); err != nil {
		return Credentials{}, fmt.Errorf("restricting database %s: %w", database, err)
	}
	return Credentials{Host: b.host, Port: b.port, User: user, Password: password, Database: database}, nil
}

func (b *PostgresBackend) Deprovision(ctx context.Context, c Credentials) error {
	role := pgx.Identifier{c.User}.Sanitize()
	db := pgx.Identifier{c.Database}.Sanitize()
	_, _ = b.pool.Exec(ctx, `select pg_terminate_backend(pid) from pg_stat_activity
		where (usename = $1 or datname = $2) and pid <> pg_backend_pid()`, c.User, c.Database)
	drop := "drop database if exists " + db
	if b.serverVersion >= 130000 {
		drop += " with (force)"
	}
	if _, err := b.pool.Exec(ctx, drop); err != nil {
		return fmt.Errorf("dropping database %s: %w", c.Database, err)
	}
	if _, err := b.pool.Exec(ctx, "drop role if exists "+role); err != nil {
		return fmt.Errorf("dropping role %s: %w", c.User, err)
	}
	return nil
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
