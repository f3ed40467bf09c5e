package main

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/optimize"

	"pledgebook/internal/extract"
)

// defaultL2 is the penalty the shipped model is trained with, chosen by
// cross-validation (-cv with -l2).
const defaultL2 = 3e-3

// fit fits a logistic regression to the samples by L-BFGS: it minimises
// the mean log loss plus l2/2 times the squared weights. Each sample's
// features are binary and sum into its score; Pledge is the label.
func fit(samples []extract.Sample, l2 float64) (*extract.Model, error) {
	if len(samples) == 0 {
		return nil, errors.New("no samples to train on")
	}
	n := float64(len(samples))
	dim := 1 << extract.FeatureBits
	score := func(w []float64, feats []uint32) float64 {
		z := 0.0
		for _, f := range feats {
			z += w[f]
		}
		return z
	}
	problem := optimize.Problem{
		Func: func(w []float64) float64 {
			loss := 0.0
			for _, s := range samples {
				z := score(w, s.Features)
				if !s.Pledge {
					z = -z
				}
				loss += softplus(-z)
			}
			reg := 0.0
			for _, x := range w {
				reg += x * x
			}
			return loss/n + l2/2*reg
		},
		Grad: func(grad, w []float64) {
			for i, x := range w {
				grad[i] = l2 * x
			}
			for _, s := range samples {
				p := sigmoid(score(w, s.Features))
				y := 0.0
				if s.Pledge {
					y = 1
				}
				for _, f := range s.Features {
					grad[f] += (p - y) / n
				}
			}
		},
	}
	res, err := optimize.Minimize(problem, make([]float64, dim), &optimize.Settings{
		GradientThreshold: 1e-7,
		MajorIterations:   2000,
	}, &optimize.LBFGS{})
	if err != nil && res == nil {
		return nil, err
	}
	return extract.NewModel(res.X)
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// softplus is log(1+e^x), computed without overflow.
func softplus(x float64) float64 {
	if x > 30 {
		return x
	}
	return math.Log1p(math.Exp(x))
}
