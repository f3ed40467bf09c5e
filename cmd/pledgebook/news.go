package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"pledgebook"
	"pledgebook/internal/extract"
	"pledgebook/internal/ingest"
)

// extractFlags are the extractor's settings, shared by extract and ingest.
type extractFlags struct {
	lang     string
	maxBytes int64
	minConf  float64
}

func (x *extractFlags) add(f *pflag.FlagSet) {
	f.StringVar(&x.lang, "lang", "auto", "language of the document: auto, de or en")
	f.Int64Var(&x.maxBytes, "max-bytes", 10<<20, "refuse documents larger than this")
	f.Float64Var(&x.minConf, "min-confidence", extract.DefaultMinConfidence, "drop candidates the scoring model rates lower (0 to 1; 0 keeps all)")
}

// readExtract runs the extractor on FILE, or on standard input for "-".
func (a *app) readExtract(path string, x extractFlags) (*extract.Result, error) {
	lang, maxBytes := x.lang, x.maxBytes
	switch lang {
	case "auto", "de", "en":
	default:
		return nil, pledgebook.FieldError("lang", "%q: want auto, de or en", lang)
	}
	if maxBytes <= 0 {
		return nil, pledgebook.FieldError("max-bytes", "must be positive, got %d", maxBytes)
	}
	if !(x.minConf >= 0 && x.minConf <= 1) {
		return nil, pledgebook.FieldError("min-confidence", "must be between 0 and 1, got %v", x.minConf)
	}
	var r io.Reader = a.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, pledgebook.FieldError("file", "%v", unwrapPathError(err))
		}
		defer f.Close()
		r = f
	}
	res, err := extract.Extract(r, ingest.Options(lang, maxBytes, x.minConf))
	if err != nil {
		if errors.Is(err, extract.ErrTooLarge) {
			return nil, pledgebook.FieldError("file", "%v", err)
		}
		return nil, &pledgebook.Error{Kind: pledgebook.KindInvalid, Field: "file", Message: err.Error()}
	}
	return res, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

const extractHelp = `The input is plain text or HTML (detected). Page furniture — navigation,
newsletter and donation prompts, job ads, comment policies, share and search
links — is removed first, and the language is detected unless --lang says it.

Each candidate has a donor (ISO 3166-1 alpha-2 code, or EU, NATO), capability
area, item, quantity, amount in full units and ISO 4217 currency, status
(announced, committed or delivered), and its evidence: evidence.start and
evidence.end are BYTE offsets into the UTF-8 cleaned text (end exclusive),
which --text prints.

A statistical model, trained on the project's annotated reports, rates each
candidate the rules propose; its probability is the confidence, and
candidates rated below --min-confidence are dropped.`

func (a *app) extractCommand() *cobra.Command {
	var x extractFlags
	var printText bool
	var f format
	cmd := &cobra.Command{
		Use:   "extract FILE|-",
		Short: "Find the pledges a news report or release reports (needs no database)",
		Long:  "Extract reads a document and prints the candidate pledges it reports.\n\n" + extractHelp,
		Example: `  pledgebook extract report.html
  curl -s https://example.org/news | pledgebook extract --format json -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f == "csv" {
				return pledgebook.FieldError("format", "extract prints json or table")
			}
			res, err := a.readExtract(args[0], x)
			if err != nil {
				return err
			}
			if printText {
				_, err := io.WriteString(a.stdout, res.Text)
				return err
			}
			if res.Candidates == nil {
				res.Candidates = []extract.Candidate{}
			}
			t := table{header: []string{"DONOR", "CATEGORY", "ITEM", "QUANTITY", "AMOUNT", "CURRENCY", "STATUS", "CONFIDENCE", "EVIDENCE"}}
			for _, c := range res.Candidates {
				amount := ""
				if c.Amount != nil {
					amount = money(c.Amount.Decimal)
				}
				t.add(c.Donor, string(c.Category), c.Item, optInt(c.Quantity), amount, deref(c.Currency), string(c.Status),
					fmt.Sprintf("%.2f", c.Confidence), shorten(c.Evidence.Text, 80))
			}
			t.notes = append(t.notes, fmt.Sprintf("language %s; %d candidates", orDash(res.Language), len(res.Candidates)))
			return emit(a.stdout, a.stderr, f, res, t)
		},
	}
	x.add(cmd.Flags())
	cmd.Flags().BoolVar(&printText, "text", false, "print the cleaned text that evidence offsets point into")
	addFormat(cmd, &f)
	return cmd
}

func (a *app) ingestCommand() *cobra.Command {
	var url, publisher, published, title string
	var x extractFlags
	cmd := &cobra.Command{
		Use:   "ingest FILE|-",
		Short: "Store a document as a source and queue its candidate pledges for review",
		Long: "Ingest stores the document's cleaned text, its SHA-256 and metadata as a\n" +
			"source (the same document twice is one source), and puts the candidates\n" +
			"the extractor finds in the review queue (see `pledgebook review`).\n\n" + extractHelp,
		Example: `  pledgebook ingest report.html --url https://example.org/report --publisher "Example News" --published 2025-06-04`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pub, err := parseDate("published", published)
			if err != nil {
				return err
			}
			if url != "" {
				if err := pledgebook.CheckURL("url", url); err != nil {
					return err
				}
			}
			res, err := a.readExtract(args[0], x)
			if err != nil {
				return err
			}
			in := ingest.Prepare(res, pledgebook.Source{URL: url, Publisher: publisher, Title: title, Published: pub})
			s, ctx, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			src, created, err := s.IngestSource(ctx, in)
			if err != nil {
				return err
			}
			if !created {
				fmt.Fprintf(a.stdout, "already ingested as source %d; nothing changed\n", src.ID)
				return nil
			}
			fmt.Fprintf(a.stdout, "source %d: %d candidates queued for review (pledgebook review list --source %d)\n", src.ID, len(in.Candidates), src.ID)
			return nil
		},
	}
	f := cmd.Flags()
	x.add(f)
	f.StringVar(&url, "url", "", "where the document was published")
	f.StringVar(&publisher, "publisher", "", "who published it")
	f.StringVar(&published, "published", "", "date published, YYYY-MM-DD; the date a candidate's pledge gets unless the text dates it")
	f.StringVar(&title, "title", "", "title (default: the document's own)")
	return cmd
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
