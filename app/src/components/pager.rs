//! The Previous/Next navigation of a keyset-paged list (queue, audit log, outbox, accounts,
//! sessions): links that keep the page's filters and add the position the list gave
//! (`after=` / `before=`), labelled for screen readers, shown only when the list spans more
//! than one page.

use contract::views::paging::PageLinks;
use leptos::prelude::*;

/// The address of the page `key` (`after` or `before`) `position` of the list at `path`,
/// keeping the filters that are set (`filters`: name and value as in the address).
pub fn page_href(path: &str, filters: &[(&str, String)], key: &str, position: &str) -> String {
    let mut pairs: Vec<String> = filters
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", crate::return_to::encode(value)))
        .collect();
    pairs.push(format!("{key}={}", crate::return_to::encode(position)));
    format!("{path}?{}", pairs.join("&"))
}

/// `Previous 50` / `Next 50` links (or "First page" / "Last page" where there is none), in a
/// `nav` named `label` (e.g. "Queue pages"). `noun` names the rows ("requests"); `earlier` and
/// `later` say what the pages before and after hold ("older", "newer") for screen readers.
#[component]
pub fn Pager(
    pages: PageLinks,
    /// The list's path, e.g. `/admin/audit`.
    path: &'static str,
    /// The filters in force, name and value, to keep in the links.
    filters: Vec<(&'static str, String)>,
    label: &'static str,
    noun: &'static str,
    earlier: &'static str,
    later: &'static str,
) -> impl IntoView {
    let paged = pages.paged();
    let size = pages.page_size;
    let link = move |key: &str, position: &str| page_href(path, &filters, key, position);
    paged.then(|| {
        let previous = pages.previous.as_deref().map(|at| link("before", at));
        let next = pages.next.as_deref().map(|at| link("after", at));
        view! {
            <nav class="pager" aria-label=label>
                <ul class="pager__list">
                    <li>
                        {match previous {
                            Some(href) => view! {
                                <a class="button button--outline" rel="prev" href=href>
                                    {format!("Previous {size}")}
                                    <span class="sr-only">{format!(" {noun} ({earlier})")}</span>
                                </a>
                            }.into_any(),
                            None => view! { <span class="muted">"First page"</span> }.into_any(),
                        }}
                    </li>
                    <li>
                        {match next {
                            Some(href) => view! {
                                <a class="button button--outline" rel="next" href=href>
                                    {format!("Next {size}")}
                                    <span class="sr-only">{format!(" {noun} ({later})")}</span>
                                </a>
                            }.into_any(),
                            None => view! { <span class="muted">"Last page"</span> }.into_any(),
                        }}
                    </li>
                </ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_links_keep_the_filters_that_are_set() {
        let filters = [("status", "submitted".to_owned()), ("site", String::new())];
        assert_eq!(
            page_href("/coordinator", &filters, "after", "123-4"),
            "/coordinator?status=submitted&after=123-4"
        );
        assert_eq!(
            page_href(
                "/admin/audit",
                &[("action", "login. x".to_owned())],
                "before",
                "9-1"
            ),
            "/admin/audit?action=login.%20x&before=9-1"
        );
    }
}
