// Package render holds one renderer per cloud (aws, azure, gcp). Each turns
// a validated rules.Plan into that cloud's resources, as children of the
// component. Renderers translate; they make no policy decisions: which rules
// exist, their peers and their descriptions all come from the plan.
package render
