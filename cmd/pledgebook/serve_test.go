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
