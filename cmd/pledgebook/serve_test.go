package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServe runs `pledgebook serve` on :0 end to end: it serves, answers
// over HTTP, and stops cleanly when its context ends.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pb.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}, strings.NewReader(""), pw, io.Discard,
			func(string) string { return "" })
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("read the address: %v (got %q)", err, line)
	}
	go io.Copy(io.Discard, pr)
	base := strings.TrimSpace(strings.TrimPrefix(line, "serving on "))
	for _, c := range []struct {
		path   string
		status int
		body   string
	}{
		{"/healthz", 200, "ok"},
		{"/readyz", 200, "ready"},
		{"/api/v1/parties/GB", 200, `"code":"GB"`},
		{"/api/v1/pledges", 200, `"items":[]`},
		{"/api/v1/openapi.json", 200, `"3.1.0"`},
		{"/metrics", 200, "pledgebook_http_requests_total"},
		{"/", 200, `<html lang="en">`},
		{"/meetings/udcg-28", 200, "<title>"},
		{"/feeds/pledges.atom", 200, `<feed xmlns="http://www.w3.org/2005/Atom"`},
		{"/feeds/donors/XX.atom", 404, "<title>"},
		{"/api/v1/webhooks", 401, "problem"},
		{"/static/style.css", 200, "font"},
		{"/api/v1/nope", 404, "problem"},
		{"/nope", 404, "<title>"},
	} {
		res, err := http.Get(base + c.path)
		if err != nil {
			t.Fatalf("GET %s: %v", c.path, err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != c.status || !strings.Contains(string(b), c.body) {
			t.Errorf("GET %s = %d %.200s; want %d containing %s", c.path, res.StatusCode, b, c.status, c.body)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}

// TestServeAddrFromEnv checks that serve listens where PLEDGEBOOK_ADDR
// says when --addr is not given, and that --tls-cert alone is refused.
func TestServeAddrFromEnv(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pb.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	env := func(k string) string {
		if k == "PLEDGEBOOK_ADDR" {
			return "127.0.0.1:0"
		}
		return ""
	}
	go func() {
		done <- Run(ctx, []string{"serve", "--db", db}, strings.NewReader(""), pw, io.Discard, env)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "serving on http://127.0.0.1:") || strings.HasSuffix(strings.TrimSpace(line), ":8080") {
		t.Fatalf("serve with PLEDGEBOOK_ADDR=127.0.0.1:0 said %q, %v", line, err)
	}
	go io.Copy(io.Discard, pr)
	res, err := http.Get(strings.TrimSpace(strings.TrimPrefix(line, "serving on ")) + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("GET /healthz = %d", res.StatusCode)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}

	var stderr strings.Builder
	if code := Run(context.Background(), []string{"serve", "--db", db, "--tls-cert", "cert.pem"}, strings.NewReader(""), io.Discard, &stderr,
		func(string) string { return "" }); code != exitInvalid || !strings.Contains(stderr.String(), "tls") {
		t.Errorf("serve --tls-cert without --tls-key: exit %d, %q; want %d naming tls", code, stderr.String(), exitInvalid)
	}
}

// TestServeDemo runs the README's run command, serve --demo, twice on one
// database: the first run loads the demo data and serves its dashboard,
// the second finds it loaded and changes nothing.
func TestServeDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "pb.db")
	for i, want := range []string{"loaded 47 pledges", "demo data already loaded"} {
		ctx, cancel := context.WithCancel(context.Background())
		pr, pw := io.Pipe()
		done := make(chan int, 1)
		go func() {
			done <- Run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", db}, strings.NewReader(""), pw, io.Discard,
				func(string) string { return "" })
			pw.Close()
		}()
		out := bufio.NewReader(pr)
		first, err := out.ReadString('\n')
		if err != nil || !strings.HasPrefix(first, want) {
			t.Fatalf("run %d: serve --demo said %q, %v; want %q first", i+1, first, err, want)
		}
		line, err := out.ReadString('\n')
		if err != nil || !strings.HasPrefix(line, "serving on http://127.0.0.1:") {
			t.Fatalf("run %d: serve --demo said %q, %v; want the address", i+1, line, err)
		}
		go io.Copy(io.Discard, pr)
		res, err := http.Get(strings.TrimSpace(strings.TrimPrefix(line, "serving on ")) + "/")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), "<title>Dashboard") || !strings.Contains(string(b), "United Kingdom") {
			t.Errorf("run %d: GET / = %d %.300s; want the dashboard of the demo data", i+1, res.StatusCode, b)
		}
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("run %d: serve exited %d, want 0", i+1, code)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop after its context ended")
		}
	}
}
