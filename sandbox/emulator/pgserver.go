package emulator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// A PostgreSQL server of the emulator's own (--postgres auto): initdb into <data dir>/pg with the
// Debian binaries under /usr/lib/postgresql/*/bin, listening on 127.0.0.1 on a free port, unix
// sockets in the data directory. As root, initdb and postgres run as the postgres OS user.

// postgresBinGlob is where Debian installs PostgreSQL's server binaries.
const postgresBinGlob = "/usr/lib/postgresql/*/bin"

// FindPostgresBin is the directory of the newest PostgreSQL server binaries (initdb and
// postgres): $DO_EMULATOR_PG_BIN if set, else the newest of /usr/lib/postgresql/*/bin, else the
// directory of an initdb on PATH.
func FindPostgresBin() (string, error) {
	usable := func(dir string) bool {
		for _, b := range []string{"initdb", "postgres"} {
			if st, err := os.Stat(filepath.Join(dir, b)); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
				return false
			}
		}
		return true
	}
	if dir := os.Getenv("DO_EMULATOR_PG_BIN"); dir != "" {
		if usable(dir) {
			return dir, nil
		}
		return "", fmt.Errorf("DO_EMULATOR_PG_BIN=%s holds no initdb and postgres", dir)
	}
	dirs, _ := filepath.Glob(postgresBinGlob)
	// Newest major version first: /usr/lib/postgresql/15/bin before .../9.6/bin.
	slices.SortFunc(dirs, func(a, b string) int {
		return compareVersions(filepath.Base(filepath.Dir(b)), filepath.Base(filepath.Dir(a)))
	})
	for _, d := range dirs {
		if usable(d) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil && usable(filepath.Dir(p)) {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("no PostgreSQL server binaries (initdb and postgres) under %s or on PATH; "+
		"install them (Debian: apt-get install postgresql) or set DO_EMULATOR_PG_BIN", postgresBinGlob)
}

// LocalPostgres is a PostgreSQL server the emulator started.
type LocalPostgres struct {
	// AdminURL connects as the superuser; it holds a password.
	AdminURL string
	Port     int
	DataDir  string // the server's data directory, <data dir>/pg

	cmd    *exec.Cmd
	exited chan struct{}
	logf   *os.File
}

// markerName marks a data directory's pg directory as the emulator's, to be wiped on start.
const markerName = ".do-emulator-pg"

// StartLocalPostgres initializes a new PostgreSQL cluster in dataDir/pg (replacing one an earlier
// run left there) and starts it.
func StartLocalPostgres(ctx context.Context, dataDir string, logger *log.Logger) (*LocalPostgres, error) {
	bin, err := FindPostgresBin()
	if err != nil {
		return nil, err
	}
	dataDir, err = filepath.Abs(dataDir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, err
	}
	pgDir := filepath.Join(dataDir, "pg")
	marker := filepath.Join(dataDir, markerName)
	if entries, err := os.ReadDir(pgDir); err == nil && len(entries) > 0 {
		if _, err := os.Stat(marker); err != nil {
			return nil, fmt.Errorf("%s exists and was not made by the emulator; give another --data-dir", pgDir)
		}
		if err := os.RemoveAll(pgDir); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(marker, []byte("made by do-emulator; the pg directory next to it is wiped on start\n"), 0o644); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(pgDir, 0o700); err != nil {
		return nil, err
	}

	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred, err = postgresCredential()
		if err != nil {
			return nil, err
		}
		if err := reachableBy(dataDir, cred); err != nil {
			return nil, err
		}
		if err := os.Chown(pgDir, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, err
		}
	}

	password := newPassword()
	pwFile := filepath.Join(dataDir, ".initdb-pw")
	if err := os.WriteFile(pwFile, []byte(password+"\n"), 0o600); err != nil {
		return nil, err
	}
	defer os.Remove(pwFile)
	if cred != nil {
		if err := os.Chown(pwFile, int(cred.Uid), int(cred.Gid)); err != nil {
			return nil, err
		}
	}
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"),
		"-D", pgDir, "-U", "postgres", "--pwfile="+pwFile, "--auth=scram-sha-256",
		"--encoding=UTF8", "--no-locale", "--no-sync")
	initdb.Env = postgresEnv(dataDir)
	initdb.Dir = dataDir
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb failed: %v\n%s", err, tail(out, 2000))
	}

	logPath := filepath.Join(dataDir, "postgres.log")
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		lp, err := startPostgres(ctx, bin, pgDir, dataDir, logPath, port, password, cred)
		if err == nil {
			logger.Printf("do-emulator: PostgreSQL %s serves 127.0.0.1:%d (data %s, log %s)", filepath.Base(filepath.Dir(bin)), port, pgDir, logPath)
			return lp, nil
		}
		lastErr = err
		if !strings.Contains(err.Error(), "could not bind") && !strings.Contains(err.Error(), "already in use") {
			break
		}
	}
	return nil, lastErr
}

func startPostgres(ctx context.Context, bin, pgDir, dataDir, logPath string, port int, password string, cred *syscall.Credential) (*LocalPostgres, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	sockets := pgDir
	if len(sockets)+len("/.s.PGSQL.65535.lock") > 100 { // sun_path holds 108 bytes
		sockets = ""
	}
	cmd := exec.Command(filepath.Join(bin, "postgres"), "-D", pgDir,
		"-c", "listen_addresses=127.0.0.1",
		"-c", "port="+strconv.Itoa(port),
		"-c", "unix_socket_directories="+sockets,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200", "-c", "shared_buffers=32MB",
		"-c", "log_min_error_statement=panic") // a failed statement is not logged with its text
	cmd.Env = postgresEnv(dataDir)
	cmd.Dir = dataDir
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: cred,
		Setpgid:    true, // a Ctrl-C for the emulator does not reach it; Stop ends it
		Pdeathsig:  syscall.SIGQUIT,
	}
	lp := &LocalPostgres{Port: port, DataDir: pgDir, cmd: cmd, exited: make(chan struct{}), logf: logf}
	// The death signal follows the thread that started the child: start and wait on one locked
	// thread so it lives exactly as long as the server.
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			runtime.UnlockOSThread()
			return
		}
		started <- nil
		_ = cmd.Wait()
		close(lp.exited)
	}()
	if err := <-started; err != nil {
		logf.Close()
		return nil, fmt.Errorf("starting postgres: %w", err)
	}
	lp.AdminURL = (&url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword("postgres", password),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		Path:     "/postgres",
		RawQuery: "sslmode=disable",
	}).String()

	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-lp.exited:
			logf.Close()
			out, _ := os.ReadFile(logPath)
			return nil, fmt.Errorf("postgres exited while starting: %s", tail(out, 2000))
		case <-ctx.Done():
			lp.Stop()
			return nil, ctx.Err()
		default:
		}
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(cctx, lp.AdminURL)
		cancel()
		if err == nil {
			conn.Close(ctx)
			return lp, nil
		}
		if time.Now().After(deadline) {
			lp.Stop()
			return nil, fmt.Errorf("postgres did not accept connections within 60s: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Stop shuts the server down (fast shutdown, then a kill after 15 s).
func (lp *LocalPostgres) Stop() {
	if lp == nil || lp.cmd.Process == nil {
		return
	}
	select {
	case <-lp.exited:
	default:
		_ = lp.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-lp.exited:
		case <-time.After(15 * time.Second):
			_ = lp.cmd.Process.Kill()
			<-lp.exited
		}
	}
	lp.logf.Close()
}

func postgresCredential() (*syscall.Credential, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("running as root, the emulator runs PostgreSQL as the postgres OS user, and there is none")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// reachableBy checks that the postgres user can walk down to dir.
func reachableBy(dir string, cred *syscall.Credential) error {
	for d := dir; ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil {
			return err
		}
		mode := st.Mode().Perm()
		sys, _ := st.Sys().(*syscall.Stat_t)
		ok := mode&0o001 != 0 ||
			(sys != nil && sys.Uid == cred.Uid && mode&0o100 != 0) ||
			(sys != nil && sys.Gid == cred.Gid && mode&0o010 != 0)
		if !ok {
			return fmt.Errorf("the postgres OS user cannot enter %s (mode %v); give a --data-dir it can reach", d, fs.FileMode(mode))
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

func postgresEnv(dataDir string) []string {
	return []string{"PATH=/usr/bin:/bin", "LC_ALL=C", "LANG=C", "HOME=" + dataDir, "TZ=UTC"}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(b []byte, n int) string {
	b = bytes.TrimSpace(b)
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// BackingOptions says how pg clusters are backed.
type BackingOptions struct {
	// URL is an admin connection to a server someone else runs; it wins over Mode.
	URL string
	// Mode "auto" starts a server of the emulator's own; "off" (or "") backs nothing.
	Mode string
	// DataDir holds the own server's files; a temporary directory, removed on Close, if empty.
	DataDir string
	Logger  *log.Logger
}

// Backing is the PostgreSQL behind pg clusters.
type Backing struct {
	Backend *PostgresBackend
	local   *LocalPostgres
	tempDir string
}

// OpenBacking sets up the backing the options ask for; nil (and no error) when there is none.
func OpenBacking(ctx context.Context, opts BackingOptions) (*Backing, error) {
	logger := opts.Logger
	if logger == nil {
		logger = log.Default()
	}
	if opts.URL != "" {
		be, err := NewPostgresBackend(ctx, opts.URL)
		if err != nil {
			return nil, err
		}
		return &Backing{Backend: be}, nil
	}
	switch opts.Mode {
	case "", "off":
		return nil, nil
	case "auto":
	default:
		return nil, fmt.Errorf("--postgres is auto or off, not %q", opts.Mode)
	}
	b := &Backing{}
	dir := opts.DataDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "do-emulator-")
		if err != nil {
			return nil, err
		}
		if err := os.Chmod(tmp, 0o755); err != nil {
			os.RemoveAll(tmp)
			return nil, err
		}
		b.tempDir, dir = tmp, tmp
	}
	lp, err := StartLocalPostgres(ctx, dir, logger)
	if err != nil {
		b.removeTemp()
		return nil, err
	}
	b.local = lp
	be, err := NewPostgresBackend(ctx, lp.AdminURL)
	if err != nil {
		lp.Stop()
		b.removeTemp()
		return nil, err
	}
	b.Backend = be
	return b, nil
}

// Close closes the admin connections and stops the own server.
func (b *Backing) Close() {
	if b == nil {
		return
	}
	if b.Backend != nil {
		b.Backend.Close()
	}
	b.local.Stop()
	b.removeTemp()
}

func (b *Backing) removeTemp() {
	if b.tempDir != "" {
		_ = os.RemoveAll(b.tempDir)
	}
}
