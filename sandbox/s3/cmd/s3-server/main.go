// Command s3-server serves an in-memory S3-compatible store on loopback, for tests.
//
//	s3-server --listen 127.0.0.1:0 [--port-file FILE] [--access-key KEY] --bucket NAME [--bucket NAME2 ...]
//
// It prints one line, "s3-server listening on http://127.0.0.1:PORT", and serves until SIGTERM or
// SIGINT. Objects live in memory only: they go with the process.
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
	"syscall"
	"time"

	"dbplane.dev/sandbox/s3"
)

type bucketList []string

func (b *bucketList) String() string { return strconv.Itoa(len(*b)) + " bucket(s)" }

func (b *bucketList) Set(v string) error {
	if v == "" {
		return errors.New("a bucket name must not be empty")
	}
	*b = append(*b, v)
	return nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program; it returns the exit code: 0 after a signal, 2 for bad usage, 1 otherwise.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("s3-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on; loopback only")
	portFile := fs.String("port-file", "", "file to write the port number to once listening")
	accessKey := fs.String("access-key", "", "the access key every request must be signed with (none: any request)")
	var buckets bucketList
	fs.Var(&buckets, "bucket", "a bucket to make at start (repeatable)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	host, _, err := net.SplitHostPort(*listen)
	if err != nil || !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(stderr, "s3-server: --listen must be a loopback address with a port, not %q\n", *listen)
		return 2
	}
	handler, err := s3.New(*accessKey, buckets...)
	if err != nil {
		fmt.Fprintf(stderr, "s3-server: %v\n", err)
		return 1
	}
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "s3-server: %v\n", err)
		return 1
	}
	port := listener.Addr().(*net.TCPAddr).Port
	if *portFile != "" {
		if err := os.WriteFile(*portFile, []byte(strconv.Itoa(port)), 0o600); err != nil {
			fmt.Fprintf(stderr, "s3-server: %v\n", err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "s3-server listening on http://127.0.0.1:%d\n", port)
	server := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = server.Shutdown(shutdown)
	}()
	if err := server.Serve(listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.New(stderr, "", log.LstdFlags).Printf("s3-server: %v", err)
		return 1
	}
	return 0
}
