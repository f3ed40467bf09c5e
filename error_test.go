package pledgebook

import (
	"errors"
	"fmt"
	"testing"
)

func TestError(t *testing.T) {
	cause := errors.New("database is locked")
	tests := []struct {
		name  string
		err   *Error
		want  string
		cause error
	}{
		{"field and message", FieldError("item", "is required"), "item: is required", nil},
		{"operation, field and message", &Error{Kind: KindInvalid, Op: "create pledge", Field: "item", Message: "is required"},
			"create pledge: item: is required", nil},
		{"operation, message and cause", &Error{Kind: KindConflict, Op: "create pledge", Message: "looks like pledge 7", Err: cause},
			"create pledge: looks like pledge 7: database is locked", cause},
		{"operation and cause only: the kind stands in", &Error{Kind: KindInternal, Op: "load pledge 42", Err: cause},
			"load pledge 42: internal: database is locked", cause},
		{"message and cause", &Error{Kind: KindInternal, Message: "cannot save", Err: cause}, "cannot save: database is locked", cause},
		{"kind only", &Error{Kind: KindNotFound}, "not_found", nil},
		{"field without message", &Error{Kind: KindInvalid, Field: "donor"}, "donor: invalid", nil},
		{"Errorf formats", Errorf(KindNotFound, "pledge %d not found", 42), "pledge 42 not found", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("%#v.Error() = %q, want %q", tt.err, got, tt.want)
			}
			if got := tt.err.Unwrap(); got != tt.cause {
				t.Errorf("%#v.Unwrap() = %v, want %v", tt.err, got, tt.cause)
			}
			if tt.cause != nil && !errors.Is(fmt.Errorf("wrapped: %w", tt.err), tt.cause) {
				t.Errorf("errors.Is(wrapped %v, %v) = false, want true", tt.err, tt.cause)
			}
		})
	}
}

func TestErrorConstructors(t *testing.T) {
	tests := []struct {
		name           string
		err            *Error
		kind           Kind
		field, message string
	}{
		{"FieldError", FieldError("quantity", "must not be negative, got %d", -1), KindInvalid, "quantity", "must not be negative, got -1"},
		{"Errorf", Errorf(KindForbidden, "only coordinators may see %s", "pledge 3"), KindForbidden, "", "only coordinators may see pledge 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err.Kind != tt.kind || tt.err.Field != tt.field || tt.err.Message != tt.message || tt.err.Err != nil || tt.err.Op != "" {
				t.Errorf("got %#v, want kind %q, field %q, message %q and nothing else", tt.err, tt.kind, tt.field, tt.message)
			}
		})
	}
}

func TestErrorAccessors(t *testing.T) {
	secret := errors.New(`dial tcp 10.0.0.5:5432: password authentication failed for user "pledgebook"`)
	tests := []struct {
		name        string
		err         error
		wantKind    Kind
		wantMessage string
		wantField   string
	}{
		{"field error", FieldError("currency", "unknown currency %q", "XYZ"),
			KindInvalid, `currency: unknown currency "XYZ"`, "currency"},
		{"wrapped field error", fmt.Errorf("create pledge: %w", FieldError("item", "is required")),
			KindInvalid, "item: is required", "item"},
		{"not found", Errorf(KindNotFound, "pledge 42 not found"),
			KindNotFound, "pledge 42 not found", ""},
		{"conflict wrapping a cause", &Error{Kind: KindConflict, Message: "the reference is taken", Err: secret},
			KindConflict, "the reference is taken", ""},
		{"unauthorized", Errorf(KindUnauthorized, "sign in first"), KindUnauthorized, "sign in first", ""},
		{"forbidden", Errorf(KindForbidden, "not yours"), KindForbidden, "not yours", ""},
		{"internal error hides its message and cause", &Error{Kind: KindInternal, Op: "open store", Message: "connect failed", Err: secret},
			KindInternal, "internal error", ""},
		{"internal error with a field still hides its message", &Error{Kind: KindInternal, Field: "dsn", Message: "bad", Err: secret},
			KindInternal, "internal error", "dsn"},
		{"plain error is internal", secret, KindInternal, "internal error", ""},
		{"wrapped plain error is internal", fmt.Errorf("load pledge 7: %w", secret), KindInternal, "internal error", ""},
		{"first *Error in the chain wins", &Error{Kind: KindConflict, Message: "stale version", Err: Errorf(KindNotFound, "gone")},
			KindConflict, "stale version", ""},
		{"joined errors", errors.Join(secret, FieldError("date", "is required")), KindInvalid, "date: is required", "date"},
		{"nil", nil, KindInternal, "internal error", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorKind(tt.err); got != tt.wantKind {
				t.Errorf("ErrorKind(%v) = %q, want %q", tt.err, got, tt.wantKind)
			}
			if got := ErrorMessage(tt.err); got != tt.wantMessage {
				t.Errorf("ErrorMessage(%v) = %q, want %q", tt.err, got, tt.wantMessage)
			}
			if got := ErrorField(tt.err); got != tt.wantField {
				t.Errorf("ErrorField(%v) = %q, want %q", tt.err, got, tt.wantField)
			}
		})
	}
}

func TestErrorTranslate(t *testing.T) {
	german := map[string]string{
		"unknown currency %q":         "unbekannte Währung %q",
		"%s is before %s":             "%[2]s liegt nach %[1]s",
		"pledge %d not found":         "Zusage %d nicht gefunden",
		"looks like 100% of pledge 7": "sieht aus wie 100% von Zusage 7",
		"an untranslated message %d":  "", // listed, but empty: not translated
	}
	lookup := func(format string) (string, bool) {
		s, ok := german[format]
		return s, ok && s != ""
	}
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"field error", FieldError("currency", "unknown currency %q", "XYZ"), `unbekannte Währung "XYZ"`},
		{"Errorf", Errorf(KindNotFound, "pledge %d not found", 42), "Zusage 42 nicht gefunden"},
		{"indexed verbs reorder", FieldError("date", "%s is before %s", "2025-01-02", "2025-03-04"), "2025-03-04 liegt nach 2025-01-02"},
		{"no translation: the English message", FieldError("item", "an untranslated message %d", 7), "an untranslated message 7"},
		{"unknown format: the English message", FieldError("item", "is required"), "is required"},
		{"made without a format: its message looked up, used as it is", &Error{Kind: KindConflict, Message: "looks like 100% of pledge 7"},
			"sieht aus wie 100% von Zusage 7"},
		{"made without a format, no translation", &Error{Kind: KindConflict, Message: "looks like pledge 7"}, "looks like pledge 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Translate(lookup); got != tt.want {
				t.Errorf("Translate(%q) = %q, want %q", tt.err.Message, got, tt.want)
			}
		})
	}
	// The English message is what it always was.
	if e := FieldError("currency", "unknown currency %q", "XYZ"); e.Message != `unknown currency "XYZ"` || e.Error() != `currency: unknown currency "XYZ"` {
		t.Errorf("English message changed: %q, %q", e.Message, e.Error())
	}
}
