package bench

import (
	"encoding/json"
	"syscall"
	"testing"

	iakprepaid "example.com/codebook/iak-prepaid"
	snapqrcpm "example.com/codebook/snap-qr-cpm"
)

var sink int

// cpuNs is the process's CPU time: on a machine shared with other work, wall time
// measures the neighbours too, CPU time mostly this benchmark.
func cpuNs() int64 {
	var r syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return r.Utime.Nano() + r.Stime.Nano()
}

// run times body b.N times and reports its CPU time per op (cpu-ns/op) beside Go's wall time.
func run(b *testing.B, body func()) {
	b.ReportAllocs()
	start := cpuNs()
	for i := 0; i < b.N; i++ {
		body()
	}
	b.ReportMetric(float64(cpuNs()-start)/float64(b.N), "cpu-ns/op")
}

func decoded(texts []string) []any {
	out := make([]any, len(texts))
	for i, t := range texts {
		if err := json.Unmarshal([]byte(t), &out[i]); err != nil {
			panic(err)
		}
	}
	return out
}

// The floors give the generated code's answers: the comparison is of the same work.
func TestFloorsAgree(t *testing.T) {
	for _, set := range [][]string{listedCodes, unlistedCodes, malformedCodes} {
		for _, c := range set {
			g, f := iakprepaid.Classify(c, 0), floorClassify(c)
			if uint8(g.Kind) != f.Kind || uint8(g.Outcome) != f.Outcome || string(g.Code) != f.Code || (g.Kind != iakprepaid.KindMalformed && g.Reason != f.Reason) {
				t.Fatalf("%q: generated %+v, floor %+v", c, g, f)
			}
		}
	}
	for _, body := range append(decoded(validBodies), decoded(invalidBodies)...) {
		g, f := snapqrcpm.ValidatePaymentRequestValue(body, snapqrcpm.ValidateOptions{}), floorValidatePayment(body)
		if len(g) != len(f) {
			t.Fatalf("%v: generated %v, floor %v", body, g, f)
		}
		for i := range g {
			if g[i].Path != f[i].Path || string(g[i].Rule) != f[i].Rule || g[i].Message != f[i].Message || g[i].Field != f[i].Field {
				t.Fatalf("%v: generated %v, floor %v", body, g[i], f[i])
			}
		}
	}
}

func benchClassify(b *testing.B, codes []string, classify func(string) int) {
	run(b, func() {
		for _, c := range codes {
			sink += classify(c)
		}
	})
}

func generated(c string) int { return int(iakprepaid.Classify(c, 0).Outcome) }
func floor(c string) int     { return int(floorClassify(c).Outcome) }

func BenchmarkClassify(b *testing.B) {
	for _, set := range []struct {
		name  string
		codes []string
	}{{"listed", listedCodes}, {"unlisted", unlistedCodes}, {"malformed", malformedCodes}} {
		b.Run("generated/"+set.name, func(b *testing.B) { benchClassify(b, set.codes, generated) })
		b.Run("floor/"+set.name, func(b *testing.B) { benchClassify(b, set.codes, floor) })
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, set := range []struct {
		name  string
		texts []string
	}{{"valid", validBodies}, {"invalid", invalidBodies}} {
		bodies := decoded(set.texts)
		b.Run("generated/"+set.name, func(b *testing.B) {
			run(b, func() {
				for _, body := range bodies {
					sink += len(snapqrcpm.ValidatePaymentRequestValue(body, snapqrcpm.ValidateOptions{}))
				}
			})
		})
		b.Run("floor/"+set.name, func(b *testing.B) {
			run(b, func() {
				for _, body := range bodies {
					sink += len(floorValidatePayment(body))
				}
			})
		})
		b.Run("generated-json/"+set.name, func(b *testing.B) {
			run(b, func() {
				for _, t := range set.texts {
					sink += len(snapqrcpm.ValidatePaymentRequest([]byte(t), snapqrcpm.ValidateOptions{}))
				}
			})
		})
		b.Run("floor-json/"+set.name, func(b *testing.B) {
			run(b, func() {
				for _, t := range set.texts {
					var v any
					_ = json.Unmarshal([]byte(t), &v)
					sink += len(floorValidatePayment(v))
				}
			})
		})
	}
}
