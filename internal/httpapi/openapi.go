package httpapi

import (
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"pledgebook"
)

// doc is a JSON document under construction.
type doc = map[string]any

// OpenAPI returns the OpenAPI 3.1 document of the API, generated from its
// route table: every route, parameter, body, response and error. The
// schemas come from the Go types the handlers encode and decode.
func (a *API) OpenAPI() doc {
	g := &schemaGen{components: doc{}}
	paths := doc{}
	for _, rt := range a.routes {
		item, _ := paths[rt.path].(doc)
		if item == nil {
			item = doc{}
			paths[rt.path] = item
		}
		item[strings.ToLower(rt.method)] = g.operation(rt)
	}
	g.components["Problem"] = doc{
		"type":        "object",
		"description": "An RFC 9457 problem: what every failed request returns.",
		"required":    []string{"type", "title", "status"},
		"properties": doc{
			"type":   doc{"type": "string", "description": "urn:pledgebook:problem:STATUS"},
			"title":  doc{"type": "string"},
			"status": doc{"type": "integer"},
			"detail": doc{"type": "string", "description": "what went wrong, safe to show"},
			"field":  doc{"type": "string", "description": "the offending input field, if any"},
		},
	}
	return doc{
		"openapi": "3.1.0",
		"info": doc{
			"title":       "pledgebook API",
			"version":     "1.0.0",
			"description": "The ledger of multinational military-support pledges: requirements, pledges, deliveries, evidence and review. Every read returns only what the caller may see.",
			"license":     doc{"name": "Proprietary", "identifier": "LicenseRef-Proprietary"},
		},
		"servers":  []doc{{"url": "/", "description": "this server"}},
		"security": []doc{{}, {"bearer": []string{}}, {"session": []string{}}},
		"tags":     g.tags(a.routes),
		"paths":    paths,
		"components": doc{
			"schemas": g.components,
			"securitySchemes": doc{
				"bearer":  doc{"type": "http", "scheme": "bearer", "description": "an API token, pb_..., from `pledgebook token create`"},
				"session": doc{"type": "apiKey", "in": "cookie", "name": SessionCookie, "description": "the session cookie POST /api/v1/session sets"},
			},
		},
	}
}

func (g *schemaGen) tags(routes []route) []doc {
	seen := map[string]bool{}
	var out []doc
	for _, rt := range routes {
		if !seen[rt.tag] {
			seen[rt.tag] = true
			out = append(out, doc{"name": rt.tag, "description": "Operations on " + rt.tag + "."})
		}
	}
	return out
}

var pathParam = regexp.MustCompile(`\{([a-z]+)\}`)

func (g *schemaGen) operation(rt route) doc {
	op := doc{"operationId": rt.id, "summary": rt.summary, "description": rt.summary + ".", "tags": []string{rt.tag}}
	var params []doc
	for _, m := range pathParam.FindAllStringSubmatch(rt.path, -1) {
		s := doc{"type": "integer", "minimum": 1}
		if m[1] == "code" || strings.Contains(rt.path, "/coalitions/") || strings.Contains(rt.path, "/meetings/") {
			s = doc{"type": "string"}
		}
		params = append(params, doc{"name": m[1], "in": "path", "required": true, "schema": s, "description": "the record's key"})
	}
	for _, p := range rt.query {
		s := doc{"type": p.typ}
		switch p.typ {
		case "date":
			s = doc{"type": "string", "format": "date"}
		case "integer":
			s["minimum"] = 1
		}
		if p.enum != nil {
			s["enum"] = p.enum
		}
		params = append(params, doc{"name": p.name, "in": "query", "required": false, "schema": s, "description": p.desc})
	}
	if rt.idempotent {
		params = append(params, doc{"name": "Idempotency-Key", "in": "header", "required": false, "schema": doc{"type": "string", "maxLength": 200},
			"description": "a key of the client's choosing: a retry with the same key and body returns the first response and writes nothing"})
	}
	if rt.ifMatch {
		params = append(params, doc{"name": "If-Match", "in": "header", "required": true, "schema": doc{"type": "string"},
			"description": "the ETag of the record as last read, e.g. W/\"3\""})
	}
	if params != nil {
		op["parameters"] = params
	}
	if rt.body != nil {
		op["requestBody"] = doc{"required": true, "content": doc{"application/json": doc{"schema": g.schema(reflect.TypeOf(rt.body))}}}
	}
	if rt.media != nil {
		content := doc{}
		for _, m := range rt.media {
			content[m] = doc{"schema": doc{"type": "string", "maxLength": rt.maxBody, "description": "the document, in UTF-8"}}
		}
		op["requestBody"] = doc{"required": true, "description": fmt.Sprintf("the document itself, at most %d bytes", rt.maxBody), "content": content}
	}
	responses := doc{}
	ok := doc{"description": http.StatusText(rt.status)}
	if rt.id == "metrics" {
		ok["content"] = doc{"text/plain": doc{"schema": doc{"type": "string"}}}
	}
	if rt.id == "readyz" {
		responses["503"] = doc{"description": "the database does not answer", "content": doc{"application/problem+json": doc{"schema": doc{"$ref": "#/components/schemas/Problem"}}}}
	}
	if rt.resp != nil {
		s := g.schema(reflect.TypeOf(rt.resp))
		if rt.list {
			s = doc{"type": "object", "required": []string{"items", "next_cursor"}, "properties": doc{
				"items":       doc{"type": "array", "items": s},
				"next_cursor": doc{"type": "string", "description": "the cursor of the next page; empty on the last page"},
			}}
		}
		ok["content"] = doc{"application/json": doc{"schema": s}}
	}
	if rt.etag {
		ok["headers"] = doc{"ETag": doc{"description": "the record's version, W/\"N\"", "schema": doc{"type": "string"}}}
	}
	responses[strconv.Itoa(rt.status)] = ok
	if rt.alt != 0 {
		alt := doc{}
		for k, v := range ok {
			alt[k] = v
		}
		alt["description"] = http.StatusText(rt.alt)
		responses[strconv.Itoa(rt.alt)] = alt
	}
	for _, st := range errorStatuses(rt) {
		responses[strconv.Itoa(st)] = doc{"description": http.StatusText(st), "content": doc{"application/problem+json": doc{"schema": doc{"$ref": "#/components/schemas/Problem"}}}}
	}
	op["responses"] = responses
	return op
}

// errorStatuses are the problem statuses a route may answer with.
func errorStatuses(rt route) []int {
	if rt.plain {
		return []int{http.StatusInternalServerError}
	}
	s := []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusInternalServerError}
	if strings.Contains(rt.path, "{") {
		s = append(s, http.StatusNotFound)
	}
	if rt.body != nil || rt.media != nil {
		s = append(s, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
	}
	if rt.write {
		s = append(s, http.StatusForbidden, http.StatusNotFound, http.StatusConflict)
	}
	if rt.idempotent {
		s = append(s, http.StatusUnprocessableEntity)
	}
	if rt.ifMatch {
		s = append(s, http.StatusPreconditionFailed, http.StatusPreconditionRequired)
	}
	if rt.id == "createSession" {
		s = append(s, http.StatusTooManyRequests)
	}
	sort.Ints(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// schemaGen makes JSON Schemas from Go types, putting named structs in
// components.
type schemaGen struct{ components doc }

var (
	timeType    = reflect.TypeOf(time.Time{})
	dateType    = reflect.TypeOf(pledgebook.Date{})
	decimalType = reflect.TypeOf(decimal.Decimal{})
)

func (g *schemaGen) schema(t reflect.Type) doc {
	switch t {
	case timeType:
		return doc{"type": "string", "format": "date-time"}
	case dateType:
		return doc{"type": []string{"string", "null"}, "format": "date", "description": "YYYY-MM-DD, null when unset"}
	case decimalType:
		return doc{"type": "string", "pattern": `^-?[0-9]+(\.[0-9]+)?$`, "description": "an exact decimal number"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.schema(t.Elem())
		if _, ref := s["$ref"]; ref {
			return doc{"oneOf": []doc{s, {"type": "null"}}}
		}
		c := doc{}
		for k, v := range s {
			c[k] = v
		}
		switch ty := c["type"].(type) {
		case string:
			c["type"] = []string{ty, "null"}
		}
		return c
	case reflect.String:
		return doc{"type": "string"}
	case reflect.Bool:
		return doc{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return doc{"type": "integer"}
	case reflect.Float64:
		return doc{"type": "number"}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return doc{"type": "string"}
		}
		return doc{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Interface:
		return doc{}
	case reflect.Map:
		return doc{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Struct:
		name := t.Name()
		if name == "" {
			return g.object(t)
		}
		if _, ok := g.components[name]; !ok {
			g.components[name] = doc{} // placeholder against recursion
			g.components[name] = g.object(t)
		}
		return doc{"$ref": "#/components/schemas/" + name}
	}
	panic(fmt.Sprintf("openapi: no schema for %s", t))
}

// mergePatches are the request bodies that are JSON Merge Patches
// (RFC 7396), with the fields a null empties; null is refused for the
// others, so their schemas do not allow it.
var mergePatches = map[reflect.Type][]string{
	reflect.TypeOf(pledgebook.PledgeUpdate{}):      pledgebook.PledgeClearable,
	reflect.TypeOf(pledgebook.RequirementUpdate{}): pledgebook.RequirementClearable,
}

func (g *schemaGen) object(t reflect.Type) doc {
	props := doc{}
	g.fields(t, props)
	o := doc{"type": "object", "properties": props, "additionalProperties": false}
	if clearable, ok := mergePatches[t]; ok {
		o["description"] = "A JSON Merge Patch (RFC 7396): a member left out keeps its value, a member given replaces it, and null empties it. " +
			"Only " + strings.Join(clearable, ", ") + " may be null. Emptying quantity empties unit, and emptying amount empties currency " +
			"and the EUR and USD values, unless the patch sets them; a result that breaks the record's rules is refused whole."
		for name, p := range props {
			s, _ := p.(doc)
			if slices.Contains(clearable, name) {
				s["description"] = "null empties it"
				continue
			}
			if ty, ok := s["type"].([]string); ok {
				s["type"] = slices.DeleteFunc(slices.Clone(ty), func(x string) bool { return x == "null" })[0]
				if s["description"] == "YYYY-MM-DD, null when unset" {
					s["description"] = "YYYY-MM-DD"
				}
			}
		}
	}
	return o
}

func (g *schemaGen) fields(t reflect.Type, props doc) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			g.fields(ft, props)
			continue
		}
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		props[name] = g.schema(f.Type)
	}
}
