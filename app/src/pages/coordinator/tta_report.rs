//! `/coordinator/tta-report`: the funder's semiannual TTA report over a chosen period (default:
//! the current half year) — overall figures, totals per TTA type, site and PSP core area, each as
//! an SVG bar chart whose figures are also a table (the charts' text equivalent), one line per
//! delivery, and the CSV and XLSX downloads. Prints cleanly (`@media print` hides the form and
//! the links).

use contract::views::tta_report::{TotalsSection, TtaReportView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::coordinator::coordinator_tta_report;
use crate::api::{error_message, field_errors};

#[component]
pub fn TtaReportPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &'static str| query.read().get(name).unwrap_or_default();
    let data = crate::resource::resource(
        move || (param("from"), param("to")),
        |(from, to)| coordinator_tta_report(from, to),
    );
    view! {
        <Title text="Semiannual TTA report" />
        <div class="container container--wide tta-report">
            <h1>"Semiannual TTA report"</h1>
            <p class="muted no-print">
                "Every TTA delivered in the period: coaching sessions, on-site visits, peer exchanges and group events, with times on each host site's clock. The page prints as a summary (use your browser's Print). "
                <a href="/coordinator/reports">"Other reports"</a>
            </p>
            <Transition fallback=|| view! { <p class="loading">"Preparing the report…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(report) => view! { <PeriodForm from=report.from.clone() to=report.to.clone() errors=None /> <ReportBody report /> }.into_any(),
                        Err(error) => {
                            let errors = field_errors(&error);
                            let general = errors.general().map(str::to_owned).collect::<Vec<_>>().join(" ");
                            let message = if errors.is_empty() { error_message(&error) } else { general };
                            view! {
                                {(!message.is_empty()).then(|| view! { <div class="alert alert--error" role="alert"><p>{message.clone()}</p></div> })}
                                <PeriodForm from=param("from") to=param("to") errors=Some(errors) />
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

/// The period's form; a refused period's mistakes beside their fields.
#[component]
fn PeriodForm(from: String, to: String, errors: Option<contract::FieldErrors>) -> impl IntoView {
    let mistake = |field: &str| {
        errors
            .as_ref()
            .and_then(|e| e.message_for(field).map(str::to_owned))
    };
    let (from_error, to_error) = (mistake("from"), mistake("to"));
    let has_errors = from_error.is_some() || to_error.is_some();
    let csv = format!("/exports/tta-report.csv?from={from}&to={to}");
    let xlsx = format!("/exports/tta-report.xlsx?from={from}&to={to}");
    view! {
        <Form method="GET" action="/coordinator/tta-report" attr:class="filters no-print">
            {has_errors.then(|| view! {
                <div class="alert alert--error" role="alert"><p>"The period could not be used; see the fields below."</p></div>
            })}
            <div class="filters__row">
                <div class="form-group">
                    <label class="label" for="tta-from">"First day"</label>
                    {from_error.clone().map(|m| view! { <span class="error-message" id="tta-from-error"><span class="sr-only">"Error: "</span>{m}</span> })}
                    <input class="input" type="date" id="tta-from" name="from" value=from.clone()
                        aria-invalid=from_error.is_some().then_some("true")
                        aria-describedby=from_error.is_some().then_some("tta-from-error") />
                </div>
                <div class="form-group">
                    <label class="label" for="tta-to">"Last day"</label>
                    {to_error.clone().map(|m| view! { <span class="error-message" id="tta-to-error"><span class="sr-only">"Error: "</span>{m}</span> })}
                    <input class="input" type="date" id="tta-to" name="to" value=to.clone()
                        aria-invalid=to_error.is_some().then_some("true")
                        aria-describedby=to_error.is_some().then_some("tta-to-error") />
                </div>
                <button class="button" type="submit" id="tta-show">"Show report"</button>
                {(!has_errors).then(|| view! {
                    <a class="button button--outline" href=csv id="tta-download-csv" rel="external" download="">"Download CSV"</a>
                    <a class="button button--outline" href=xlsx id="tta-download-xlsx" rel="external" download="">"Download XLSX"</a>
                })}
            </div>
        </Form>
    }
}

#[component]
fn ReportBody(report: TtaReportView) -> impl IntoView {
    view! {
        <h2 id="tta-period">{format!("Period: {}", report.period_label)}</h2>
        <dl class="tta-report__figures" id="tta-figures">
            <div><dt>"TTA delivered"</dt><dd>{report.deliveries}</dd></div>
            <div><dt>"Participants"</dt><dd>{report.participants}</dd></div>
            <div><dt>"Hours (single-day deliveries)"</dt><dd>{report.hours.clone()}</dd></div>
        </dl>
        {(report.deliveries == 0).then(|| view! { <p role="status">"No TTA was delivered in this period."</p> })}
        {report.sections.into_iter().enumerate().map(|(i, section)| view! { <Section index=i section /> }).collect_view()}
        {(!report.rows.is_empty()).then(|| view! {
            <h2 id="tta-every">"Every TTA delivered"</h2>
            <div class="table-wrap">
                <table class="table table--sheet" id="tta-rows" aria-labelledby="tta-every">
                    <thead>
                        <tr>
                            <th scope="col">"ID"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Title"</th>
                            <th scope="col">"When (host site's clock)"</th>
                            <th scope="col">"Sites"</th>
                            <th scope="col">"Participants"</th>
                            <th scope="col">"Providers"</th>
                            <th scope="col">"Mean rating (count)"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report.rows.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row">{row.id}</th>
                                <td>{row.kind}</td>
                                <td>{row.title}</td>
                                <td>{row.when}</td>
                                <td>{row.sites}</td>
                                <td>{row.participants}</td>
                                <td>{row.providers}</td>
                                <td>{row.rating}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

/// One totals section: a bar chart of deliveries (with a title and a description read by
/// screen readers) and the same figures as a table.
#[component]
fn Section(index: usize, section: TotalsSection) -> impl IntoView {
    let heading = format!("tta-section-{index}");
    let title_id = format!("tta-chart-title-{index}");
    let desc_id = format!("tta-chart-desc-{index}");
    let max = section
        .lines
        .iter()
        .map(|l| l.deliveries)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let bar = 28.0;
    let height = bar * section.lines.len() as f64 + 10.0;
    let lower = lower_first(&section.title);
    let description = section
        .lines
        .iter()
        .map(|l| format!("{}: {}", l.label, l.deliveries))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <section class="tta-report__section" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{format!("Totals {lower}")}</h2>
            {(!section.lines.is_empty()).then(|| view! {
                <figure class="chart">
                    <svg role="img" aria-labelledby=format!("{title_id} {desc_id}") width="100%" viewBox=format!("0 0 640 {height}") preserveAspectRatio="xMinYMin meet">
                        <title id=title_id.clone()>{format!("Deliveries {lower}")}</title>
                        <desc id=desc_id.clone()>{description.clone()}</desc>
                        {section.lines.iter().enumerate().map(|(i, line)| {
                            let y = i as f64 * bar + 5.0;
                            let width = line.deliveries as f64 / max * 360.0;
                            view! {
                                <g aria-hidden="true">
                                    <text x="0" y=y + 18.0 class="chart__label">{line.label.clone()}</text>
                                    <rect x="240" y=y width=width.max(1.0) height=bar - 8.0 class="chart__bar" />
                                    <text x=246.0 + width y=y + 18.0 class="chart__value">{line.deliveries}</text>
                                </g>
                            }
                        }).collect_view()}
                    </svg>
                    <figcaption class="muted">"Deliveries per line; the table below has every figure."</figcaption>
                </figure>
            })}
            <div class="table-wrap">
                <table class="table table--sheet">
                    <caption class="sr-only">{format!("Totals {lower}")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{section.title.trim_start_matches("By ").to_owned()}</th>
                            <th scope="col">"Deliveries"</th>
                            <th scope="col">"Participants"</th>
                            <th scope="col">"Hours"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {section.lines.into_iter().map(|line| view! {
                            <tr>
                                <th scope="row">{line.label}</th>
                                <td>{line.deliveries}</td>
                                <td>{line.participants}</td>
                                <td>{line.hours}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// `By TTA type` → `by TTA type`.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}
