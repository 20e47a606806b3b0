//! The frame around every page: the federal banner, the header and the footer.

use leptos::prelude::*;

/// "An official website of the United States government", as on every federal site.
#[component]
pub fn GovBanner() -> impl IntoView {
    view! {
        <section class="gov-banner" aria-label="Official website of the United States government">
            <div class="container">
                <span class="gov-banner__flag" aria-hidden="true"></span>
                <p>"An official website of the United States government"</p>
            </div>
        </section>
    }
}

/// Product name and primary navigation.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="container site-header__inner">
                <a class="site-header__title" href="/">
                    <span class="site-header__name">"TTA Scheduler"</span>
                    <span class="site-header__tagline">
                        "Public Safety Partnership · Training and technical assistance"
                    </span>
                </a>
                <nav class="site-nav" aria-label="Primary">
                    <ul>
                        <li>
                            <a href="/">"Sites"</a>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>
                    "U.S. Department of Justice · Public Safety Partnership. "
                    "Times are shown in each site's own time zone."
                </p>
            </div>
        </footer>
    }
}
