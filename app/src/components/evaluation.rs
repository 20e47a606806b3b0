//! Evaluation pieces shared by the attendee's page, the feedback page and the results pages:
//! the questions of a form as fields (with the government fields when set), and results as
//! accessible SVG bar charts, each with a table of the same numbers as its text equivalent.

use contract::FieldErrors;
use contract::views::evaluation::{EvaluationResults, FormToAnswer, QuestionResult, QuestionView};
use leptos::prelude::*;

const INK: &str = "#1b1b1b";

/// A question's mistake (field `q<id>`), beside it.
#[component]
fn AnswerMessage(field: String, errors: Signal<FieldErrors>) -> impl IntoView {
    let id = format!("field-{field}-error");
    let message = move || {
        errors
            .get()
            .into_iter()
            .filter(|e| e.field == field)
            .map(|e| e.message)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let shown = message.clone();
    view! {
        <span class="error-message" id=id hidden=move || shown().is_empty()>
            <span class="sr-only">"Error: "</span>
            {message}
        </span>
    }
}
const BAR: &str = "#005ea2";

/// The form's heading facts: the OMB control number, its expiry and the burden statement, each
/// shown only when set.
#[component]
pub fn GovernmentFields(form: FormToAnswer) -> impl IntoView {
    let any = form.omb_number.is_some() || form.burden_statement.is_some();
    any.then(|| {
        view! {
            <aside class="hint" aria-label="Paperwork Reduction Act notice" id="omb-notice">
                {form.omb_number.clone().map(|number| view! {
                    <p>{format!("OMB Control No. {number}")}{form.omb_expires.clone().map(|e| format!(" · {e}"))}</p>
                })}
                {form.burden_statement.clone().map(|text| view! { <p>{text}</p> })}
            </aside>
        }
    })
}

/// One question as fields named `form[answers][i][…]`; its mistake beside it (`q<id>`).
#[component]
fn QuestionField(
    index: usize,
    question: QuestionView,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let field = format!("q{}", question.id);
    let id_name = format!("form[answers][{index}][question_id]");
    let value_name = format!("form[answers][{index}][value]");
    let prompt = if question.required {
        format!("{} (required)", question.prompt)
    } else {
        format!("{} (optional)", question.prompt)
    };
    let error_id = format!("field-{field}-error");
    let field_for_invalid = field.clone();
    let invalid = move || errors.get().message_for(&field_for_invalid).map(|_| "true");
    let control = match question.kind.as_str() {
        "rating" => view! {
            <fieldset class="form-group" id=format!("field-{field}") aria-describedby=error_id.clone()>
                <legend class="label">{prompt.clone()}</legend>
                <AnswerMessage field=field.clone() errors />
                <div class="rating-scale">
                    {(1..=5).map(|n| {
                        let label = match n {
                            1 if !question.low_label.is_empty() => format!("1 — {}", question.low_label),
                            5 if !question.high_label.is_empty() => format!("5 — {}", question.high_label),
                            _ => n.to_string(),
                        };
                        let input_id = format!("q{}-{n}", question.id);
                        view! {
                            <span class="radio">
                                <input type="radio" id=input_id.clone() name=value_name.clone() value=n.to_string() />
                                <label for=input_id>{label}</label>
                            </span>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
        .into_any(),
        "choice" => view! {
            <fieldset class="form-group" id=format!("field-{field}") aria-describedby=error_id.clone()>
                <legend class="label">{prompt.clone()}</legend>
                <AnswerMessage field=field.clone() errors />
                {question.choices.iter().enumerate().map(|(i, choice)| {
                    let input_id = format!("q{}-c{i}", question.id);
                    view! {
                        <div class="radio">
                            <input type="radio" id=input_id.clone() name=value_name.clone() value=choice.clone() />
                            <label for=input_id>{choice.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
        _ => {
            let input_id = format!("field-{field}");
            view! {
                <div class="form-group">
                    <label class="label" for=input_id.clone()>{prompt.clone()}</label>
                    <AnswerMessage field=field.clone() errors />
                    <textarea class="textarea" id=input_id name=value_name.clone() rows="4"
                        aria-describedby=error_id.clone() aria-invalid=invalid></textarea>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <input type="hidden" name=id_name value=question.id.to_string() />
        {control}
    }
}

/// Every question of the form as fields, in order.
#[component]
pub fn QuestionFields(questions: Vec<QuestionView>, errors: Signal<FieldErrors>) -> impl IntoView {
    questions
        .into_iter()
        .enumerate()
        .map(|(index, question)| view! { <QuestionField index question errors /> })
        .collect_view()
}

/// One question's bars as a horizontal SVG chart (its title says the numbers in words) and the
/// same numbers in a table.
#[component]
fn QuestionChart(result: QuestionResult) -> impl IntoView {
    let row = 30.0;
    let height = row * result.bars.len() as f64 + 10.0;
    let most = result
        .bars
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let title_id = format!("chart-q{}", result.question_id);
    let labelled_by = title_id.clone();
    let words = result
        .bars
        .iter()
        .map(|b| format!("{}: {} ({}%)", b.label, b.count, b.percent))
        .collect::<Vec<_>>()
        .join("; ");
    let mean = result.mean.clone();
    view! {
        <figure class="chart">
            <svg role="img" aria-labelledby=labelled_by width="100%" viewBox=format!("0 0 640 {height}")
                preserveAspectRatio="xMinYMin meet" focusable="false">
                <title id=title_id>{format!("{}: {words}", result.prompt)}</title>
                {result.bars.iter().enumerate().map(|(i, bar)| {
                    let y = i as f64 * row + 5.0;
                    let width = bar.count as f64 / most * 300.0;
                    view! {
                        <g>
                            <text x="0" y=y + 18.0 fill=INK font-size="14">{bar.label.clone()}</text>
                            <rect x="240" y=y width=width.max(1.0) height=row - 8.0 fill=BAR />
                            <text x=246.0 + width y=y + 18.0 fill=INK font-size="14">{format!("{} ({}%)", bar.count, bar.percent)}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>
                {match mean {
                    Some(mean) => format!("Mean {mean} of 5 from {} answers.", result.answered),
                    None => format!("{} answers.", result.answered),
                }}
            </figcaption>
        </figure>
        <table class="table">
            <caption class="sr-only">{format!("Answers to “{}”", result.prompt)}</caption>
            <thead><tr><th scope="col">"Answer"</th><th scope="col">"Count"</th><th scope="col">"Share"</th></tr></thead>
            <tbody>
                {result.bars.iter().map(|bar| view! {
                    <tr><th scope="row">{bar.label.clone()}</th><td>{bar.count}</td><td>{format!("{}%", bar.percent)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Aggregated results: one section per form, each question's chart or free text.
#[component]
pub fn ResultsView(results: EvaluationResults, #[prop(into)] heading_level: u8) -> impl IntoView {
    if results.responses == 0 {
        return view! { <p role="status" id="no-responses">"No responses yet."</p> }.into_any();
    }
    let deep = heading_level >= 3;
    let by_event = (!results.by_event.is_empty()).then(|| {
        view! {
            <table class="table" id="results-by-event">
                <caption>"By event"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Event"</th>
                        <th scope="col">"Provider"</th>
                        <th scope="col">"Responses"</th>
                        <th scope="col">"Mean rating (1–5)"</th>
                    </tr>
                </thead>
                <tbody>
                    {results.by_event.iter().map(|line| view! {
                        <tr>
                            <th scope="row"><a href=format!("/coordinator/events/{}", line.event_id)>{line.title.clone()}</a></th>
                            <td>{if line.provider.is_empty() { "—".to_owned() } else { line.provider.clone() }}</td>
                            <td>{line.responses}</td>
                            <td>{line.mean_rating.clone().unwrap_or_else(|| "—".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    });
    view! {
        <p role="status" id="response-count">{format!("{} responses.", results.responses)}</p>
        {by_event}
        {results.sections.into_iter().map(|section| {
            let title = format!("{} — {} ({} responses)", section.form_title, section.respondent_label, section.responses);
            view! {
                <section class="evaluation-results">
                    {if deep { view! { <h4>{title}</h4> }.into_any() } else { view! { <h3>{title}</h3> }.into_any() }}
                    {section.questions.into_iter().map(|q| {
                        let prompt = q.prompt.clone();
                        let body = if q.kind == "text" {
                            view! {
                                <p class="hint">{format!("{} answers.", q.answered)}</p>
                                <ul class="evaluation-texts">
                                    {q.texts.iter().map(|t| view! {
                                        <li>{t.text.clone()}{t.by.clone().map(|by| format!(" — {by}"))}</li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        } else {
                            view! { <QuestionChart result=q /> }.into_any()
                        };
                        view! {
                            <div class="evaluation-question">
                                <p><strong>{prompt}</strong></p>
                                {body}
                            </div>
                        }
                    }).collect_view()}
                </section>
            }
        }).collect_view()}
    }
    .into_any()
}
