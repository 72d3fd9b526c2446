// Command do-emulator serves an emulation of DigitalOcean's managed-database API on loopback.
//
//	do-emulator --listen 127.0.0.1:0 [--port-file FILE] --token TOKEN [--token TOKEN2 ...]
//	  [--create-delay 0s] [--resize-delay 0s] [--name-hold 60s]
//	  [--postgres-url postgres://user:pw@127.0.0.1:PORT/postgres] [--postgres auto|off] [--data-dir DIR]
//
// Tokens may also come from DO_EMULATOR_TOKENS (comma separated). It prints one line,
// "do-emulator listening on http://127.0.0.1:PORT", and serves until SIGTERM or SIGINT.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"dbplane.dev/sandbox/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

type tokenList []string

func (t *tokenList) String() string { return strconv.Itoa(len(*t)) + " token(s)" }

func (t *tokenList) Set(v string) error {
	if v == "" {
		return errors.New("a token must not be empty")
	}
	*t = append(*t, v)
	return nil
}

// run is the program; it returns the exit code: 0 after a signal, 2 for bad usage, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("do-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on; loopback only")
	portFile := fs.String("port-file", "", "file to write the port number to once listening")
	var tokens tokenList
	fs.Var(&tokens, "token", "an API token clients may use (repeatable; also DO_EMULATOR_TOKENS, comma separated)")
	createDelay := fs.Duration("create-delay", 0, "how long a new cluster stays creating")
	resizeDelay := fs.Duration("resize-delay", 0, "how long a cluster stays resizing or migrating")
	nameHold := fs.Duration("name-hold", 60*time.Second, "how long a deleted cluster's name stays unavailable")
	pgURL := fs.String("postgres-url", "", "admin URL of a PostgreSQL server to back pg clusters")
	pgMode := fs.String("postgres", "off", "auto: start a PostgreSQL server of its own to back pg clusters; off: none")
	dataDir := fs.String("data-dir", "", "directory for the own PostgreSQL server (default: a temporary one)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	logger := log.New(stderr, "", log.LstdFlags)
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "do-emulator: "+format+"\n", a...)
		return 2
	}
	if fs.NArg() > 0 {
		return usage("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	for _, t := range strings.Split(os.Getenv("DO_EMULATOR_TOKENS"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			tokens = append(tokens, t)
		}
	}
	if len(tokens) == 0 {
		return usage("no API token: give --token or DO_EMULATOR_TOKENS")
	}
	if *pgMode != "auto" && *pgMode != "off" {
		return usage("--postgres is auto or off, not %q", *pgMode)
	}
	host, _, err := net.SplitHostPort(*listen)
	if err != nil {
		return usage("--listen %q is not host:port", *listen)
	}
	if host == "localhost" {
		*listen = net.JoinHostPort("127.0.0.1", (*listen)[len(host)+1:])
	} else if ip := net.ParseIP(host); ip == nil || ip.To4() == nil || !ip.IsLoopback() {
		return usage("--listen must be an IPv4 loopback address such as 127.0.0.1:0, not %q", *listen)
	}

	backing, err := emulator.OpenBacking(ctx, emulator.BackingOptions{URL: *pgURL, Mode: *pgMode, DataDir: *dataDir, Logger: logger})
	if err != nil {
		logger.Printf("do-emulator: PostgreSQL backing: %v", err)
		return 1
	}
	defer backing.Close()
	cfg := emulator.Config{
		Tokens: tokens, CreateDelay: *createDelay, ResizeDelay: *resizeDelay, NameHold: *nameHold, Logger: logger,
	}
	if backing != nil {
		cfg.Backend = backing.Backend
	}
	srv, err := emulator.New(cfg)
	if err != nil {
		return usage("%v", err)
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		logger.Printf("do-emulator: %v", err)
		return 1
	}
	addr := ln.Addr().(*net.TCPAddr)
	port := addr.Port
	if *portFile != "" {
		if err := writeFileAtomic(*portFile, strconv.Itoa(port)+"\n"); err != nil {
			ln.Close()
			logger.Printf("do-emulator: writing --port-file: %v", err)
			return 1
		}
	}
	httpSrv := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ErrorLog: logger}
	served := make(chan error, 1)
	go func() { served <- httpSrv.Serve(ln) }()
	fmt.Fprintf(stdout, "do-emulator listening on http://%s\n", net.JoinHostPort(addr.IP.String(), strconv.Itoa(port)))
	if f, ok := stdout.(interface{ Sync() error }); ok {
		_ = f.Sync()
	}

	code := 0
	select {
	case <-ctx.Done():
	case err := <-served:
		logger.Printf("do-emulator: serving: %v", err)
		code = 1
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// End the requests that a delay fault holds, so that Shutdown need not wait for them.
	srv.EndDelays()
	if err := httpSrv.Shutdown(shutdown); err != nil {
		_ = httpSrv.Close()
	}
	if err := srv.Close(shutdown); err != nil {
		logger.Printf("do-emulator: dropping backing roles: %v", err)
	}
	return code
}

// writeFileAtomic writes a file so that a reader never sees it half written.
func writeFileAtomic(path, content string) error {
	tmp := path + ".tmp" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
