package pledgebook

import (
	"errors"
	"fmt"
)

// Kind classifies an error so that every adapter (CLI, API, UI) can react to
// it the same way without looking at messages.
type Kind string

// The error kinds of the domain.
const (
	KindNotFound     Kind = "not_found"
	KindInvalid      Kind = "invalid"
	KindConflict     Kind = "conflict"
	KindUnauthorized Kind = "unauthorized"
	KindForbidden    Kind = "forbidden"
	KindInternal     Kind = "internal"
)

// Error is the domain's error type. Message is safe to show to a user; Err is
// the underlying cause, which may hold details that must not be shown.
type Error struct {
	Kind    Kind
	Op      string // the operation that failed, e.g. "create pledge"
	Field   string // the offending input field, if any
	Message string // safe to show to users
	Err     error  // the cause, if any

	// format and args are what Errorf or FieldError made Message from,
	// kept so that Translate can word the message in another language.
	format string
	args   []any
}

// Error returns the operation, the safe message and the cause.
func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = string(e.Kind)
	}
	if e.Field != "" && msg != "" {
		msg = e.Field + ": " + msg
	}
	switch {
	case e.Op != "" && e.Err != nil:
		return fmt.Sprintf("%s: %s: %v", e.Op, msg, e.Err)
	case e.Op != "":
		return e.Op + ": " + msg
	case e.Err != nil:
		return msg + ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an error of the given kind whose message is safe to show.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// ConflictError returns a conflict error naming the field whose value
// clashes with what is stored (a taken name, a stale version).
func ConflictError(field, format string, args ...any) *Error {
	return &Error{Kind: KindConflict, Field: field, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// FieldError returns an invalid-input error naming the offending field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Kind: KindInvalid, Field: field, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// Translate returns the message in another language: lookup is given the
// English format string the message was made from (by Errorf or
// FieldError) and returns that language's format, with the same verbs for
// the same arguments. An error made without them, as &Error{Message: ...},
// has its Message looked up instead, and its translation is used as it is.
// When lookup knows no translation, Translate returns Message unchanged.
func (e *Error) Translate(lookup func(format string) (string, bool)) string {
	if e.format == "" {
		if translated, ok := lookup(e.Message); ok {
			return translated
		}
		return e.Message
	}
	translated, ok := lookup(e.format)
	if !ok {
		return e.Message
	}
	return fmt.Sprintf(translated, e.args...)
}

// ErrorKind returns the kind of the first *Error in err's chain, or
// KindInternal when there is none.
func ErrorKind(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// ErrorMessage returns the user-safe message of err: the message of the first
// *Error in the chain, prefixed by its field, or a generic text for internal
// errors whose cause must not be shown.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Kind != KindInternal {
		if e.Field != "" {
			return e.Field + ": " + e.Message
		}
		return e.Message
	}
	return "internal error"
}

// ErrorField returns the offending field named by err, if any.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
